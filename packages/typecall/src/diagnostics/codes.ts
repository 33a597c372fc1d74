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
  | "TC1012"
  | "TC1013"
  | "TC1014"
  | "TC1015"
  | "TC1016"
  | "TC1017"
  | "TC1018"
  | "TC2001"
  | "TC2002"
  | "TC2003"
  | "TC2004"
  | "TC2005"
  | "TC2006"
  | "TC2008"
  | "TC2009"
  | "TC2010"
  | "TC3001"
  | "TC3002"
  | "TC3003"
  | "TC3004"
  | "TC3005"
  | "TC3006"
  | "TC3007"
  | "TC3008"
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
  TC1012: {
    severity: "error",
    title: "Invalid tool hint tag",
    hint: "Write the hint alone (@readonly) or with true or false (@openWorld false); @title takes the title's text.",
  },
  TC1013: {
    severity: "error",
    title: "Invalid @scope",
    hint: "Name the scopes a caller's ctx.scopes must hold, separated by spaces: @scope bookings:write admin.",
  },
  TC1014: {
    severity: "error",
    title: "Invalid @approval",
    hint: "Write @approval alone at the start of a line of the tool's JSDoc, in lower case: a call then waits for a person's yes.",
  },
  TC1015: {
    severity: "error",
    title: "Invalid @sensitive",
    hint: "Write @sensitive alone on a line of the JSDoc of the property that holds the value, or name in the tool's JSDoc a parameter or a path below one: @sensitive pin, @sensitive card.number, @sensitive cards.*.cvc.",
  },
  TC1016: {
    severity: "error",
    title: "@sensitive inside a recursive type",
    hint: "Tag the parameter or property that holds the recursive value @sensitive (everything below it is masked), or move the value out of the recursive type.",
  },
  TC1017: {
    severity: "warning",
    title: "@sensitive on a ToolContext parameter",
    hint: "Remove the tag: a ToolContext comes from the app, never from the arguments the model sends, so nothing of it is masked.",
  },
  TC1018: {
    severity: "error",
    title: "Invalid length limit tag",
    hint: "Write a whole number of characters: @maxArgumentsLength 20000 (at least 2), @maxContentLength 5000 (at least 100).",
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
  TC2010: {
    severity: "warning",
    title: "Result type does not resolve",
    hint: "Fix the type error that tsc reports in the function (or annotate its return type): the tool is sent without an output schema until then.",
  },
  TC3001: {
    severity: "warning",
    title: "Tool name not accepted by a provider",
    hint: "The name is sent mapped and dispatch takes both; to send one name everywhere, set one with `@name` of 1 to 64 letters, digits, _ and -, a letter first.",
  },
  TC3002: {
    severity: "warning",
    title: "Tool description too long",
    hint: "Shorten the JSDoc summary and body to at most 1024 characters; move details into @param text.",
  },
  TC3003: {
    severity: "warning",
    title: "Type not expressible in a strict mode",
    hint:
      "The tool is sent non-strict. To keep it strict, give the value a concrete type (for any), a record only free keys " +
      '(or only named ones), a tuple no rest element; or set the dialect\'s strict option to "never" to send it non-strict ' +
      'without this warning, or to "always" to make it an error.',
  },
  TC3004: {
    severity: "warning",
    title: "Schema nested too deeply for a strict mode",
    hint: "The tool is sent non-strict. OpenAI strict mode takes at most 10 levels of nested objects: flatten the arguments, or pass ids instead of whole objects.",
  },
  TC3005: {
    severity: "warning",
    title: "Schema too large for a strict mode",
    hint: "The tool is sent non-strict. OpenAI strict mode takes at most 5000 properties, and 120,000 characters of names and enum values, in one tool: split the tool.",
  },
  TC3006: {
    severity: "warning",
    title: "Too many enum values for a strict mode",
    hint: "The tool is sent non-strict. OpenAI strict mode takes at most 1000 enum values in one tool: take a string and check it in the tool.",
  },
  TC3007: {
    severity: "warning",
    title: "Request-wide provider limit",
    hint:
      "Providers limit what one request carries: send the tools in smaller sets (separate modules, or a subset per step). " +
      "To send a module's tools non-strict without this warning, set the dialect's strict option to \"never\".",
  },
  TC3008: {
    severity: "error",
    title: "Two tools sent under one name",
    hint: "A provider's name rule maps both names to one: rename one tool with `@name` so that each is sent under its own.",
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
