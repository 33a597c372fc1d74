/**
 * The catalogue of diagnostic codes. Codes are stable: never reuse or renumber one.
 * `docs/diagnostics.md` documents each code; a test keeps the two in step.
 *
 * - TC1xxx: entry modules and tool discovery
 * - TC2xxx: parameter and property types
 * - TC3xxx: provider limits
 * - TC9xxx: typecall's own bugs, reported instead of thrown
 */
/** A catalogued diagnostic code. The compiler checks this list against the catalogue's keys. */
export type DiagnosticCode =
  | "TC1001"
  | "TC1002"
  | "TC1003"
  | "TC1004"
  | "TC1005"
  | "TC1006"
  | "TC1007"
  | "TC1008"
  | "TC1009"
  | "TC1010"
  | "TC1011"
  | "TC2001"
  | "TC2002"
  | "TC2003"
  | "TC2004"
  | "TC2005"
  | "TC2006"
  | "TC2008"
  | "TC2009"
  | "TC3001"
  | "TC3002"
  | "TC3003"
  | "TC3004"
  | "TC3005"
  | "TC3006"
  | "TC9001";

/** Severity, title and fix hint of every code. */
export const codes: Readonly<Record<DiagnosticCode, CodeInfo>> = {
  TC1001: {
    severity: "error",
    title: "Entry module not found",
    hint: "Check the path; entries are TypeScript modules of exported functions.",
  },
  TC1002: {
    severity: "warning",
    title: "Entry module exports no tool",
    hint: "Export at least one function, or remove the entry from the list.",
  },
  TC1003: {
    severity: "error",
    title: "Overloaded function",
    hint: "Give each overload its own exported function, or tag the function @internal to exclude it.",
  },
  TC1004: {
    severity: "error",
    title: "Rest parameter",
    hint: "Replace `...items: T[]` with a named array parameter `items: T[]`.",
  },
  TC1005: {
    severity: "error",
    title: "More than one ToolContext parameter",
    hint: "Declare one `ToolContext<T>` parameter and read every injected value from it.",
  },
  TC1006: {
    severity: "error",
    title: "Duplicate tool name",
    hint: "Rename one export, or set a different name with the `@name` tag.",
  },
  TC1007: {
    severity: "error",
    title: "Destructured parameter beside other parameters",
    hint: "Destructure only a sole object parameter, or give the parameter a name.",
  },
  TC1008: {
    severity: "warning",
    title: "Tool name used by another entry",
    hint: "Apps that merge toolsets send both to the model, and providers reject duplicate names: rename one.",
  },
  TC1009: {
    severity: "error",
    title: "Syntax error",
    hint: "Fix the syntax error: typecall reads the module as TypeScript does, and generates nothing from a module that does not parse.",
  },
  TC1010: {
    severity: "error",
    title: "Entry is not a TypeScript module",
    hint: "Pass the .ts modules that export the tools (for a folder, dir/*.ts); typecall reads TypeScript types, which .js files do not have.",
  },
  TC1011: {
    severity: "error",
    title: "Invalid @timeout",
    hint: "Write the time limit as a number with a unit: @timeout 500ms, @timeout 5s, @timeout 2m.",
  },
  TC2001: {
    severity: "error",
    title: "Type cannot be expressed as a tool argument",
    hint: "Use JSON types: string, number, boolean, literal unions, arrays and plain objects.",
  },
  TC2002: {
    severity: "error",
    title: "Function type",
    hint: "A model sends JSON, never code: remove the callback, or accept data (a name, an id) the tool can act on.",
  },
  TC2003: {
    severity: "error",
    title: "Symbol type",
    hint: "Symbols cannot cross JSON; use a string or a string literal union instead.",
  },
  TC2004: {
    severity: "error",
    title: "Unbounded generic type",
    hint: "Replace the type parameter with the concrete type the model should send.",
  },
  TC2005: {
    severity: "error",
    title: "Type does not resolve",
    hint: "Fix the import or the type name: TypeScript cannot find this type.",
  },
  TC2006: {
    severity: "warning",
    title: "any or unknown",
    hint: "Give the value a concrete type, or pass --allow-any (`allowAny: true`) to accept free JSON without this warning.",
  },
  TC2008: {
    severity: "error",
    title: "Constraint does not fit the type",
    hint: "Put numeric bounds on numbers, length, pattern and format on strings, item counts on arrays.",
  },
  TC2009: {
    severity: "warning",
    title: "Constraint tag applies to nothing",
    hint: "Write the tag after the @param it constrains (`@param page Page number. @minimum 1`), name the parameter (`@minimum page 1`), or put it on the property.",
  },
  TC3001: {
    severity: "error",
    title: "Tool name not accepted by a provider",
    hint: "Use 1 to 64 characters from A-Z, a-z, 0-9, _ and -, or set a valid name with `@name`.",
  },
  TC3002: {
    severity: "error",
    title: "Tool description too long",
    hint: "Shorten the JSDoc summary and body to at most 1024 characters; move details into @param text.",
  },
  TC3003: {
    severity: "error",
    title: "Type not expressible in OpenAI strict mode",
    hint:
      "Strict mode needs fixed properties and typed values: use an array of { key, value } objects for a record, " +
      "named properties for a tuple, a concrete type for any; or, without OpenAI strict mode, --severity TC3003=off.",
  },
  TC3004: {
    severity: "error",
    title: "Schema nested too deeply",
    hint: "OpenAI accepts at most 10 levels of nested objects: flatten the arguments, or pass ids instead of whole objects.",
  },
  TC3005: {
    severity: "error",
    title: "Too many properties",
    hint: "OpenAI accepts at most 5000 object properties in one tool's schema: split the tool.",
  },
  TC3006: {
    severity: "error",
    title: "Too many enum values",
    hint: "OpenAI accepts at most 1000 enum values in one tool's schema: take a string and check it in the tool.",
  },
  TC9001: {
    severity: "error",
    title: "Internal error",
    hint: "This is a bug in typecall: please report it with the function that triggers it.",
  },
};

/** What the catalogue knows about one code. */
export interface CodeInfo {
  severity: "error" | "warning";
  title: string;
  hint: string;
}
