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
  | { kind: "literal"; value: string | number | boolean }
  | { kind: "array"; items: TypeIR; minItems?: number; maxItems?: number; uniqueItems?: boolean }
  | { kind: "tuple"; items: TypeIR[] }
  /** Any JSON value (`unknown` or `any`, where the user allows it). */
  | { kind: "unknown" }
  /** A named type in `ToolsetIR.definitions`: how recursive types are written. */
  | { kind: "ref"; name: string }
  | ObjectTypeIR
  | { kind: "union"; members: TypeIR[] };

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
  /** Values from `@example` tags. */
  examples?: unknown[];
  /** Present when tagged `@deprecated`: the tag's text, possibly empty. */
  deprecated?: string;
}

/** How the dispatcher calls the author's function with the wire arguments. */
export type CallIR =
  /** `f(args.a, args.b)`, in parameter order. */
  | { kind: "positional" }
  /** `f(args)`: the function takes one object whose properties are the tool's. */
  | { kind: "object" };

/** One tool: an exported function of an entry module. */
export interface ToolIR {
  /** The name the model sees. */
  name: string;
  /** The export name in the entry module. */
  exportName: string;
  description: string;
  /** The wire properties, in call order (positional) or declaration order (object). */
  parameters: PropertyIR[];
  call: CallIR;
  /** Total number of declared parameters, including an injected context. */
  arity: number;
  /** Where a `ToolContext` parameter is injected, if the function declares one. */
  context?: { index: number };
  /** Present when tagged `@deprecated`: the tag's text, possibly empty. */
  deprecated?: string;
  /** `@remarks`, `@returns` and `@see` text, each as a sentence for the description. */
  notes?: string[];
  /** The text of each `@example` tag of the function. */
  examples?: string[];
  /** The wire shape of what the tool resolves to, when it can be expressed (MCP `outputSchema`). */
  returns?: TypeIR;
  location: SourceLocation;
}

/** The tools of one entry module. */
export interface ToolsetIR {
  /** Absolute path of the entry module. */
  entry: string;
  tools: ToolIR[];
  /** Named types referred to by `{ kind: "ref" }`, for recursion: JSON Schema `$defs`. */
  definitions: Record<string, TypeIR>;
}
