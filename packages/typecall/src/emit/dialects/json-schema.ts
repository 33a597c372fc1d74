/** JSON Schema 2020-12, the canonical form every other dialect starts from: no rule of its own. */
import type { Dialect } from "./dialect.ts";

export const jsonSchema: Dialect = { name: "json-schema", provider: "JSON Schema" };
