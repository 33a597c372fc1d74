import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import type { ToolIR, ToolsetIR, TypeIR } from "../ir/types.ts";
import { referencedDefinitions, walkType } from "../ir/walk.ts";

/** OpenAI's (and Anthropic's) rule for function names. */
const TOOL_NAME = /^[A-Za-z0-9_-]{1,64}$/;
/** OpenAI's limits for strict function schemas. */
const MAX_DESCRIPTION = 1024;
const MAX_DEPTH = 10;
const MAX_PROPERTIES = 5000;
const MAX_ENUM_VALUES = 1000;

/**
 * Provider rules checked at build time so they never surface as a 400 at request time: tool
 * names, description length, and what OpenAI strict mode can express and carry.
 */
export function checkProviderLimits(toolset: ToolsetIR): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const tool of toolset.tools) {
    const at = { location: tool.location, path: [tool.name] };
    if (!TOOL_NAME.test(tool.name)) {
      const message = `Tool name "${tool.name}" does not match ${TOOL_NAME.source} (OpenAI).`;
      diagnostics.push(createDiagnostic("TC3001", message, at));
    }
    if (tool.description.length > MAX_DESCRIPTION) {
      const message = `The description of "${tool.name}" has ${tool.description.length} characters; OpenAI accepts ${MAX_DESCRIPTION}.`;
      diagnostics.push(createDiagnostic("TC3002", message, at));
    }
    diagnostics.push(...checkStrictSchema(tool, toolset.definitions));
  }
  return diagnostics;
}

/** What OpenAI strict mode cannot express, and its size limits, for one tool's parameters. */
function checkStrictSchema(tool: ToolIR, definitions: Readonly<Record<string, TypeIR>>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const at = { location: tool.location, path: [tool.name] };
  let properties = tool.parameters.length;
  let enumValues = 0;
  const counted = new Set<string>();
  for (const parameter of tool.parameters) {
    const inexpressible = new Set<string>();
    const visit = (type: TypeIR, counts: boolean): void => {
      if (type.kind === "tuple") inexpressible.add("a tuple");
      if (type.kind === "unknown") inexpressible.add("a value of any type");
      if (type.kind === "object" && type.additional) inexpressible.add("a record (an object with free keys)");
      if (!counts) return;
      if (type.kind === "object") properties += type.properties.length;
      if (type.kind === "literal") enumValues++;
    };
    walkType(parameter.type, (type) => visit(type, true));
    // The definitions it refers to count once per tool, however many parameters use them.
    for (const name of referencedDefinitions([parameter], definitions)) {
      const fresh = !counted.has(name);
      counted.add(name);
      walkType(definitions[name] as TypeIR, (type) => visit(type, fresh));
    }
    const blamed = { location: parameter.location ?? tool.location, path: [tool.name, parameter.name] };
    for (const what of [...inexpressible].sort()) {
      const message = `"${parameter.name}" of "${tool.name}" holds ${what}, which OpenAI strict mode cannot express.`;
      diagnostics.push(createDiagnostic("TC3003", message, blamed));
    }
  }
  const depth = Math.max(0, ...tool.parameters.map((p) => objectDepth(p.type, definitions, new Set())));
  if (depth + 1 > MAX_DEPTH) {
    diagnostics.push(
      createDiagnostic(
        "TC3004",
        `"${tool.name}" nests objects ${depth + 1} levels deep; OpenAI accepts ${MAX_DEPTH}.`,
        at,
      ),
    );
  }
  if (properties > MAX_PROPERTIES) {
    diagnostics.push(
      createDiagnostic(
        "TC3005",
        `"${tool.name}" has ${properties} properties; OpenAI accepts ${MAX_PROPERTIES}.`,
        at,
      ),
    );
  }
  if (enumValues > MAX_ENUM_VALUES) {
    diagnostics.push(
      createDiagnostic(
        "TC3006",
        `"${tool.name}" has ${enumValues} enum values; OpenAI accepts ${MAX_ENUM_VALUES}.`,
        at,
      ),
    );
  }
  return diagnostics;
}

/** Levels of nested objects under a type (refs followed once: recursion counts as unbounded). */
function objectDepth(type: TypeIR, definitions: Readonly<Record<string, TypeIR>>, seen: Set<string>): number {
  switch (type.kind) {
    case "object": {
      const children = [...type.properties.map((p) => p.type), ...(type.additional ? [type.additional] : [])];
      return 1 + Math.max(0, ...children.map((c) => objectDepth(c, definitions, seen)));
    }
    case "array":
      return objectDepth(type.items, definitions, seen);
    case "tuple":
    case "union":
      return Math.max(
        0,
        ...(type.kind === "tuple" ? type.items : type.members).map((m) => objectDepth(m, definitions, seen)),
      );
    case "ref": {
      if (seen.has(type.name)) return 0;
      const definition = definitions[type.name];
      return definition ? objectDepth(definition, definitions, new Set([...seen, type.name])) : 0;
    }
    default:
      return 0;
  }
}
