/** How one provider's dialect of JSON Schema differs from the canonical one. */
export interface DialectRules {
  /** The dialect's name, as `toolset.schemas(name)` takes it. */
  name: "json-schema" | "openai";
  /** Every property listed in `required`; optional ones accept `null` instead (OpenAI strict). */
  allRequired: boolean;
  /** Keywords the dialect rejects; their meaning moves into the description. */
  unsupported: ReadonlySet<string>;
}

/** JSON Schema 2020-12, the canonical form: everything the analysis knows. */
export const jsonSchemaDialect: DialectRules = {
  name: "json-schema",
  allRequired: false,
  unsupported: new Set(),
};

/**
 * OpenAI Chat Completions with `strict: true` (structured outputs): every property required,
 * `additionalProperties: false` everywhere, no `default`, no string length bounds.
 */
export const openaiDialect: DialectRules = {
  name: "openai",
  allRequired: true,
  unsupported: new Set(["default", "deprecated", "examples", "minLength", "maxLength", "uniqueItems"]),
};

/** Every dialect a generated module carries, in output order. */
export const dialects: readonly DialectRules[] = [jsonSchemaDialect, openaiDialect];
