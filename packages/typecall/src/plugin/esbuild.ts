/** The typecall plugin for esbuild: `import typecall from "typecall/esbuild"`, then `typecall({ entries: [...] })`. */
import { type TypecallPlugins, typecall } from "./index.ts";

export default typecall.esbuild as TypecallPlugins["esbuild"];
