/** The typecall plugin for rollup: `import typecall from "typecall/rollup"`, then `typecall({ entries: [...] })`. */
import { type TypecallPlugins, typecall } from "./index.ts";

export default typecall.rollup as TypecallPlugins["rollup"];
