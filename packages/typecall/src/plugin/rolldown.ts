/** The typecall plugin for rolldown: `import typecall from "typecall/rolldown"`, then `typecall({ entries: [...] })`. */
import { type TypecallPlugins, typecall } from "./index.ts";

export default typecall.rolldown as TypecallPlugins["rolldown"];
