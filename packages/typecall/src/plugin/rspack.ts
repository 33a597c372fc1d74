/** The typecall plugin for rspack: `import typecall from "typecall/rspack"`, then `typecall({ entries: [...] })`. */
import { type TypecallPlugins, typecall } from "./index.ts";

export default typecall.rspack as TypecallPlugins["rspack"];
