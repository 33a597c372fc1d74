/**
 * The intermediate representation between analysis and emission.
 *
 * Plain, serialisable data: no `ts.*` objects, so it can be hashed, cached and snapshotted as JSON.
 * Types describe the wire shape, what the model sends, not the author's TypeScript type.
 */

/** A place in a source file. `line` and `column` are 1-based; `start` and `length` are character offsets. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
  start: number;
  length: number;
}

/** The wire shape of a value, with the comment of the alias or interface that declared it, if any. */
export type TypeIR = TypeShapeIR & { description?: string };

/** The wire shape of a value. */
export type TypeShapeIR =
  | {
      kind: "string";
      format?: string;
      pattern?: string;
      minLength?: number;
      maxLength?: number;
      /** Sent as a string, handed to the tool as a `Date`, `bigint` or `URL`. */
      revive?: "date" | "bigint" | "url";
    }
  | {
      kind: "number";
      integer: boolean;
      minimum?: number;
      maximum?: number;
      exclusiveMinimum?: number;
      exclusiveMaximum?: number;
      multipleOf?: number;
    }
  | { kind: "boolean" }
  | { kind: "null" }
  | {
      kind: "literal";
      value: string | number | boolean;
      /** A `bigint` literal (`10n`): sent as its digits, handed to the tool as a `bigint`. */
      revive?: "bigint";
    }
  | { kind: "array"; items: TypeIR; minItems?: number; maxItems?: number; uniqueItems?: boolean }
  | TupleTypeIR
  /** Any JSON value (`unknown` or `any`, where the user allows it). */
  | { kind: "unknown" }
  /** A named type in `ToolsetIR.definitions`: how recursive types are written. */
  | { kind: "ref"; name: string }
  | ObjectTypeIR
  | { kind: "union"; members: TypeIR[] };

/**
 * A tuple: a type per position (`[string, number]`), optional trailing positions
 * (`[a: string, b?: number]`) and a rest type (`[string, ...number[]]`).
 */
export interface TupleTypeIR {
  kind: "tuple";
  items: TypeIR[];
  /** How many leading items must be present, when fewer than all of `items` (optional elements). */
  minItems?: number;
  /** The type of every item after `items` (a rest element); no further item is allowed when absent. */
  rest?: TypeIR;
  description?: string;
}

/** An object with known properties. */
export interface ObjectTypeIR {
  kind: "object";
  properties: PropertyIR[];
  /** The type of properties not listed (`Record<string, T>`, index signatures); none allowed when absent. */
  additional?: TypeIR;
  /** The interface or alias comment, when the object type was declared with one. */
  description?: string;
}

/** A property of an object, or a parameter of a tool. */
export interface PropertyIR {
  name: string;
  type: TypeIR;
  optional: boolean;
  description?: string;
  /** The default value, from a parameter initializer or a `@default` tag; JSON only. */
  default?: unknown;
  /**
   * The default is written in the function's signature (a parameter initializer, a destructuring
   * default): calling the function applies it, so dispatch need not fill it in first.
   */
  defaultInSignature?: true;
  /** Values from `@example` tags. */
  examples?: unknown[];
  /** Present when tagged `@deprecated`: the tag's text, possibly empty. */
  deprecated?: string;
  /**
   * Tagged `@sensitive` in its own JSDoc: every value at or below it is masked in the text the
   * runtime writes (see `ToolIR.sensitive`, which holds the paths to it).
   */
  sensitive?: true;
  /** Where the parameter or property is declared, for diagnostics about it. */
  location?: SourceLocation;
}

/** What the dispatcher passes at one position of the author's function. */
export type ArgumentIR =
  /** The wire property of that name (`args.city`): undefined when the model left it out. */
  | { kind: "property"; name: string }
  /** The whole arguments object: the function takes one object whose properties are the tool's. */
  | { kind: "object" }
  /** The injected `ToolContext`. */
  | { kind: "context" }
  /** A parameter that can only be absent (typed `undefined` or `never`): always `undefined`. */
  | { kind: "undefined" };

/** One tool: an exported function of an entry module. */
export interface ToolIR {
  /** The name the model sees. */
  name: string;
  /** The export name in the entry module. */
  exportName: string;
  description: string;
  /** The wire properties, in call order (positional) or declaration order (object). */
  parameters: PropertyIR[];
  /** What the dispatcher passes at each declared parameter position, in order. */
  arguments: ArgumentIR[];
  /** Present when tagged `@deprecated`: the tag's text, possibly empty. */
  deprecated?: string;
  /** `@remarks`, `@returns` and `@see` text, each as a sentence for the description. */
  notes?: string[];
  /** The text of each `@example` tag of the function. */
  examples?: string[];
  /** The wire shape of what the tool resolves to, when it can be expressed (MCP `outputSchema`). */
  returns?: TypeIR;
  /** A display name, from `@title` (MCP). */
  title?: string;
  /** Hints about the tool's effects for MCP clients, from `@readonly`, `@destructive`, `@idempotent`, `@openWorld`. */
  annotations?: ToolAnnotationsIR;
  /** The tool's own time limit in milliseconds, from `@timeout 5s`. */
  timeoutMs?: number;
  /** The scopes a caller's `ctx.scopes` must all hold to see and call the tool, from `@scope a b`. */
  scopes?: string[];
  /** From `@approval`: a call waits for a person's yes before the tool runs. */
  approval?: true;
  /**
   * Where the arguments hold sensitive values: paths of property names from the arguments object
   * down, `*` for every item of an array or tuple and every value of a record, `[]` for the whole
   * arguments object. From `@sensitive` on properties and parameters; in source order, each once,
   * none below another.
   */
  sensitive?: string[][];
  /** Where the result holds sensitive values (`@sensitive` on a property of its type), as {@link sensitive}. */
  sensitiveResult?: string[][];
  /** The longest argument text in characters, from `@maxArgumentsLength 20000`. */
  maxArgumentsLength?: number;
  /** The longest result content in characters, from `@maxContentLength 5000`. */
  maxContentLength?: number;
  /**
   * The function is `async` and never waits (no `await`, returns no thenable): its promise is
   * settled when it returns, so the dispatcher arms no time limit for it.
   */
  settlesAtOnce?: true;
  location: SourceLocation;
}

/** MCP's tool annotations, each from its tag. */
export interface ToolAnnotationsIR {
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
}

/** The tools of one entry module. */
export interface ToolsetIR {
  /** Absolute path of the entry module. */
  entry: string;
  tools: ToolIR[];
  /** Named types referred to by `{ kind: "ref" }`, for recursion: JSON Schema `$defs`. */
  definitions: Record<string, TypeIR>;
}
