/** The typecall plugin for webpack: `import typecall from "typecall/webpack"`, then `typecall({ entries: [...] })`. */
import { type TypecallPlugins, typecall } from "./index.ts";

export default typecall.webpack as TypecallPlugins["webpack"];
