/** The typecall plugin for vite: `import typecall from "typecall/vite"`, then `typecall({ entries: [...] })`. */
import { type TypecallPlugins, typecall } from "./index.ts";

export default typecall.vite as TypecallPlugins["vite"];
