import type { Node, ParameterDeclaration, Type, TypeChecker } from "typescript";
import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import type {
  ArgumentIR,
  PropertyIR,
  SourceLocation,
  ToolAnnotationsIR,
  ToolIR,
  TypeIR,
} from "../ir/types.ts";
import { ts } from "../typescript.ts";
import { isConstraint } from "./constraints.ts";
import { isToolContextParameter } from "./context-param.ts";
import type { ExportedFunction } from "./discover.ts";
import {
  approvalOf,
  holdsSensitive,
  lengthLimitsOf,
  ownSensitivity,
  type RecursiveSensitive,
  resolveSensitiveName,
  type SensitiveRoot,
  sensitiveNames,
  sensitivePaths,
} from "./guard.ts";
import { docCommentOf, type FunctionDoc, readFunctionDoc } from "./jsdoc.ts";
import { literalValue, NOT_LITERAL } from "./literal.ts";
import { locationOf } from "./location.ts";
import { toolName } from "./naming.ts";
import { settlesAtOnce } from "./settles.ts";
import {
  ancestorOf,
  booleanLiteralValue,
  hasFlag,
  intersectionMembers,
  isArrayType,
  isErrorType,
  isReadonlyArrayType,
  isTupleType,
  literalValue as literalTypeValue,
  symbolName,
  typeArguments,
  unionMembers,
} from "./type-query.ts";
import {
  applyDocTags,
  applyTypeTags,
  convertOptional,
  convertType,
  type EntryState,
  type TypeContext,
} from "./types/index.ts";

/** Function tags whose text joins the tool description, so nothing the author wrote is lost. */
const NOTE_TAGS: readonly (readonly [string, string])[] = [
  ["remarks", ""],
  ["returns", "Returns: "],
  ["return", "Returns: "],
  ["see", "See: "],
];

/** Tags that keep an exported function out of the toolset. */
const EXCLUDING_TAGS = ["internal", "hidden"];

/**
 * Turns one exported function into a tool, reporting what cannot be expressed.
 * Returns undefined for functions excluded by `@internal` / `@hidden` and for functions with errors.
 */
export function analyzeTool(
  fn: ExportedFunction,
  checker: TypeChecker,
  diagnostics: Diagnostic[],
  entry: EntryState,
): ToolIR | undefined {
  const doc = readFunctionDoc(fn.node);
  if (EXCLUDING_TAGS.some((tag) => doc.tags.has(tag))) return undefined;
  const name = doc.tags.get("name") || toolName(fn.exportName, entry.options.naming);
  const location = locationOf(nameNode(fn.node));
  const before = diagnostics.length;
  if (fn.overloads > 0) {
    const message = `"${fn.exportName}" has ${fn.overloads} overload signatures; a tool has one.`;
    diagnostics.push(createDiagnostic("TC1003", message, { location, path: [name] }));
    return undefined;
  }
  const parameters = [...fn.node.parameters];
  const contextIndexes = parameters.flatMap((p, i) => (isToolContextParameter(p, checker) ? [i] : []));
  for (const extra of contextIndexes.slice(1)) {
    const at = { location: locationOf(parameters[extra] as Node), path: [name] };
    diagnostics.push(
      createDiagnostic("TC1005", `"${fn.exportName}" declares more than one ToolContext.`, at),
    );
  }
  const data = parameters.filter((_, i) => !contextIndexes.includes(i));
  const base = { checker, diagnostics, stack: [], path: [name], entry } satisfies Omit<TypeContext, "node">;
  const constraints = functionConstraints(doc, data, base, location);
  const flattened =
    data.length === 1
      ? flattenObjectParameter(data[0] as ParameterDeclaration, doc, constraints, base)
      : undefined;
  const positional = flattened ? undefined : positionalParameters(data, doc, constraints, base);
  if (diagnostics.slice(before).some((d) => d.severity === "error")) return undefined;
  const tool: ToolIR = {
    name,
    exportName: fn.exportName,
    description: doc.description,
    parameters: flattened ?? positional?.properties ?? [],
    arguments: callArguments(
      parameters.length,
      contextIndexes,
      flattened ? [{ kind: "object" }] : positional?.arguments,
    ),
    location,
  };
  const deprecated = doc.tags.get("deprecated");
  if (deprecated !== undefined) tool.deprecated = deprecated;
  if (doc.examples.length > 0) tool.examples = doc.examples;
  // Every tag is read, and each wrong one reported, before the tool is given up: one run names them all.
  const at = { location, path: [name] };
  const timeout = doc.tags.get("timeout");
  if (timeout !== undefined) {
    const ms = durationMs(timeout);
    if (ms === undefined) {
      const message = `@timeout ${timeout}: not a duration; write a number with a unit, like 500ms, 5s or 2m.`;
      diagnostics.push(createDiagnostic("TC1011", message, at));
    } else tool.timeoutMs = ms;
  }
  const scopes = scopesOf(doc);
  if (typeof scopes === "string") diagnostics.push(createDiagnostic("TC1013", scopes, at));
  else if (scopes.length > 0) tool.scopes = scopes;
  const title = doc.tags.get("title");
  if (title) tool.title = title;
  const annotations = readAnnotations(doc.tags, diagnostics, at);
  if (annotations !== undefined && Object.keys(annotations).length > 0) tool.annotations = annotations;
  const approval = approvalOf(doc);
  if (typeof approval === "string") diagnostics.push(createDiagnostic("TC1014", approval, at));
  else if (approval) tool.approval = true;
  const limits = lengthLimitsOf(doc);
  if (typeof limits === "string") diagnostics.push(createDiagnostic("TC1018", limits, at));
  else {
    if (limits.maxArgumentsLength !== undefined) tool.maxArgumentsLength = limits.maxArgumentsLength;
    if (limits.maxContentLength !== undefined) tool.maxContentLength = limits.maxContentLength;
  }
  // The text of a flattened parameter has no property to go to: it joins the description.
  const flattenedText =
    flattened && doc.params.get(documentedName(data[0] as ParameterDeclaration, doc, flattened));
  const notes = [...(flattenedText ? [flattenedText] : []), ...noteTexts(doc)];
  if (notes.length > 0) tool.notes = notes;
  const result = resultType(fn, base);
  if (result.returns) tool.returns = result.returns;
  const wire = { properties: tool.parameters, flattened };
  const sensitive = sensitiveArguments(doc, parameters, contextIndexes, wire, base, location);
  const sensitiveResult = result.returns
    ? sensitivePaths(result.returns, [], entry.definitions, recursiveSensitive("result", base))
    : result.sensitive;
  if (diagnostics.slice(before).some((d) => d.severity === "error") || sensitive === undefined)
    return undefined;
  if (sensitive.length > 0) tool.sensitive = sensitive;
  if (sensitiveResult !== undefined && sensitiveResult.length > 0) tool.sensitiveResult = sensitiveResult;
  if (settlesAtOnce(fn.node, checker)) tool.settlesAtOnce = true;
  return tool;
}

/**
 * The paths of the arguments' sensitive values: the properties tagged `@sensitive`, the parameters
 * and properties the function's `@sensitive` tags name, and the parameters tagged in their own
 * comment. Undefined after a TC1015; a tag on a `ToolContext` is a TC1017 warning.
 */
function sensitiveArguments(
  doc: FunctionDoc,
  parameters: readonly ParameterDeclaration[],
  contextIndexes: readonly number[],
  wire: { properties: readonly PropertyIR[]; flattened: readonly PropertyIR[] | undefined },
  base: Omit<TypeContext, "node">,
  location: SourceLocation,
): string[][] | undefined {
  const { diagnostics, entry } = base;
  const { properties, flattened } = wire;
  const tool = String(base.path[0]);
  const error = (message: string, at: SourceLocation = location) => {
    diagnostics.push(createDiagnostic("TC1015", message, { location: at, path: [tool] }));
    return undefined;
  };
  const data = parameters.filter((_, i) => !contextIndexes.includes(i));
  const contexts = new Map(
    contextIndexes.flatMap((i) => {
      const parameter = parameters[i] as ParameterDeclaration;
      return ts.isIdentifier(parameter.name) ? [[parameter.name.text, parameter] as const] : [];
    }),
  );
  const roots = new Map<string, SensitiveRoot>();
  if (flattened) {
    for (const property of flattened)
      roots.set(property.name, { path: [property.name], type: property.type });
    const whole = documentedName(data[0] as ParameterDeclaration, doc, flattened);
    if (whole) roots.set(whole, { path: [], type: { kind: "object", properties: [...flattened] } });
  } else {
    for (const parameter of data) {
      if (!ts.isIdentifier(parameter.name)) continue;
      const name = parameter.name.text;
      roots.set(name, { path: [name], type: properties.find((p) => p.name === name)?.type });
    }
  }
  const names = sensitiveNames(doc, [...roots.keys()].find(Boolean) ?? "card");
  if (typeof names === "string") return error(names);
  const named: string[][] = [];
  let failed = false;
  const warnContext = (parameter: ParameterDeclaration, how: string) => {
    const message = `${how}: "${parameter.name.getText()}" is the tool's ToolContext, which the model never sends; there is nothing to mask.`;
    const at = { location: locationOf(parameter), path: [tool] };
    diagnostics.push(createDiagnostic("TC1017", message, at));
  };
  for (const name of names) {
    const context = contexts.get(name.split(".")[0] ?? "");
    if (context) {
      warnContext(context, `@sensitive ${name}`);
      continue;
    }
    const path = resolveSensitiveName(name, roots, entry.definitions, tool);
    // Every name is checked, so that one run reports each wrong one.
    if (typeof path === "string") {
      error(path);
      failed = true;
    } else named.push(path);
  }
  for (const [i, parameter] of parameters.entries()) {
    const own = docCommentOf(parameter);
    const tagged =
      own &&
      ownSensitivity(
        own.description,
        own.tags.map((t) => [t.name, t.text] as const),
      );
    if (typeof tagged === "string") {
      error(tagged, locationOf(parameter));
      failed = true;
      continue;
    }
    if (!tagged) continue;
    if (contextIndexes.includes(i)) warnContext(parameter, "@sensitive");
    else if (flattened) named.push([]);
    else if (ts.isIdentifier(parameter.name)) named.push([parameter.name.text]);
  }
  if (failed) return undefined;
  return sensitivePaths(properties, named, entry.definitions, recursiveSensitive("arguments", base));
}

/** Reports a TC1016: a property tagged `@sensitive` inside a recursive type, whose path would have no end. */
function recursiveSensitive(
  from: "arguments" | "result",
  base: Omit<TypeContext, "node">,
): (found: RecursiveSensitive) => void {
  return ({ property, definition, at }) => {
    const message = `"${property.name}" is tagged @sensitive inside the recursive type ${definition}: its path from the ${from} would have no end.`;
    const path = [...base.path, ...(from === "result" ? ["(result)"] : []), ...at];
    base.diagnostics.push(createDiagnostic("TC1016", message, { location: property.location, path }));
  };
}

/** What a scope name may hold: no spaces, nothing a reader would take for punctuation of the tag. */
const SCOPE = /^[\w.:/*-]+$/;

/**
 * The scopes of every `@scope` tag, in written order and once each (every one is required), or
 * the message of a TC1013 when a tag names none or names one with other characters.
 */
function scopesOf(doc: FunctionDoc): string[] | string {
  // A scope tag the reader would miss leaves the tool open to everybody: each is an error.
  const misspelt = doc.blockTags.find((t) => /^scopes?$/i.test(t.name) && t.name !== "scope");
  if (misspelt) return `@${misspelt.name} is not a tag typecall reads: write @scope, in lower case.`;
  const texts = [doc.description, ...doc.params.values(), ...doc.blockTags.map((t) => t.text)];
  if (texts.some((text) => /(^|\s)@scopes?\b/i.test(text)))
    return "@scope is written inside other text: start the line with it, so that it is read as a tag.";
  const scopes: string[] = [];
  for (const tag of doc.blockTags.filter((t) => t.name === "scope")) {
    const names = tag.text.split(/\s+/).filter(Boolean);
    if (names.length === 0)
      return "@scope names no scope: write the scopes the caller needs, like @scope bookings:write.";
    const bad = names.find((n) => !SCOPE.test(n));
    if (bad !== undefined)
      return `@scope ${tag.text.trim()}: "${bad}" is not a scope name; use letters, digits and _ . : / * -.`;
    for (const n of names) if (!scopes.includes(n)) scopes.push(n);
  }
  return scopes;
}

/** The tags of MCP's annotations, and the hint each sets. */
const ANNOTATION_TAGS: readonly (readonly [string, keyof ToolAnnotationsIR])[] = [
  ["readonly", "readOnlyHint"],
  ["destructive", "destructiveHint"],
  ["idempotent", "idempotentHint"],
  ["openWorld", "openWorldHint"],
];

/**
 * The annotation hints of the tags present: a bare tag means true, `true` or `false` says which.
 * Undefined (with a TC1012 diagnostic) when a tag says something else.
 */
function readAnnotations(
  tags: ReadonlyMap<string, string>,
  diagnostics: Diagnostic[],
  at: { location: SourceLocation; path: string[] },
): ToolAnnotationsIR | undefined {
  const annotations: ToolAnnotationsIR = {};
  for (const [tag, hint] of ANNOTATION_TAGS) {
    const text = tags.get(tag)?.trim();
    if (text === undefined) continue;
    if (text !== "" && text !== "true" && text !== "false") {
      const message = `@${tag} ${text}: the tag takes nothing, true or false.`;
      diagnostics.push(createDiagnostic("TC1012", message, at));
      return undefined;
    }
    annotations[hint] = text !== "false";
  }
  return annotations;
}

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000 };

/** `500ms`, `5s`, `1.5 m`, `2min`, `1h`, or a bare number of milliseconds; undefined for anything else. */
function durationMs(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|min|h)?$/.exec(text.trim());
  if (!match) return undefined;
  const ms = Number(match[1]) * (UNITS[match[2] ?? "ms"] ?? 1);
  return ms > 0 && Number.isFinite(ms) ? Math.round(ms) : undefined;
}

/** What the dispatcher passes at each position: the context where it goes, the data arguments in order between. */
function callArguments(
  arity: number,
  contextIndexes: readonly number[],
  data: readonly ArgumentIR[] = [],
): ArgumentIR[] {
  let next = 0;
  return Array.from({ length: arity }, (_, i): ArgumentIR => {
    if (contextIndexes.includes(i)) return { kind: "context" };
    return data[next++] ?? { kind: "undefined" };
  });
}

/** `@remarks`, `@returns` and `@see` text, each as a sentence for the description. */
function noteTexts(doc: FunctionDoc): string[] {
  return NOTE_TAGS.flatMap(([tag, label]) => {
    const text = doc.tags.get(tag);
    return text ? [`${label}${text}`] : [];
  });
}

/**
 * Constraint and `@default` tags of the function's JSDoc that refer to a parameter: written after
 * its `@param` (`@param page Page number. @minimum 1`), or naming it (`@minimum page 1`). Keyed by
 * the name as written (`page`, `opts.page`). A tag that refers to nothing is a warning.
 */
function functionConstraints(
  doc: FunctionDoc,
  parameters: readonly ParameterDeclaration[],
  base: Omit<TypeContext, "node">,
  location: ToolIR["location"],
): Map<string, Map<string, string>> {
  const names = new Set(parameters.map((p) => p.name.getText()));
  const knows = (target: string) => names.has(target.split(".")[0] ?? "") || doc.params.has(target);
  const byTarget = new Map<string, Map<string, string>>();
  const add = (target: string, tag: string, text: string) =>
    byTarget.set(target, (byTarget.get(target) ?? new Map()).set(tag, text));
  for (const tag of doc.blockTags) {
    if (!isConstraint(tag.name) && tag.name !== "default") continue;
    const [, first = "", rest = ""] = /^(\S+)\s+(\S[\s\S]*)$/.exec(tag.text) ?? [];
    if (knows(first)) {
      add(first, tag.name, rest);
      continue;
    }
    if (tag.follows !== undefined) {
      add(tag.follows, tag.name, tag.text);
      continue;
    }
    const message = `@${tag.name} ${tag.text} applies to no parameter of "${base.path[0]}".`;
    base.diagnostics.push(createDiagnostic("TC2009", message, { location, path: [...base.path] }));
  }
  return byTarget;
}

/** A sole parameter of object type: its properties become the tool's (`f({ city, unit })`). */
function flattenObjectParameter(
  parameter: ParameterDeclaration,
  doc: FunctionDoc,
  constraints: Map<string, Map<string, string>>,
  base: Omit<TypeContext, "node">,
): PropertyIR[] | undefined {
  const declared = base.checker.getTypeAtLocation(parameter);
  const members = declared.isUnion()
    ? unionMembers(declared).filter((m) => !hasFlag(m, ts.TypeFlags.Undefined))
    : [declared];
  const type = members.length === 1 ? members[0] : undefined;
  // A record (`Record<string, T>`) stays a named parameter: its free keys are data, not the tool's properties.
  if (!type || !isPlainObjectType(type, base.checker) || type.getStringIndexType() !== undefined)
    return undefined;
  const context: TypeContext = { ...base, path: [...base.path], node: parameter.type ?? parameter };
  const ir = convertType(type, context);
  if (ir?.kind !== "object") return ir === undefined ? [] : undefined;
  const defaults = bindingDefaults(parameter, base.checker);
  const name = documentedName(parameter, doc, ir.properties);
  return ir.properties.flatMap((property) => {
    const description = joinTexts(paramDoc(doc, property.name, name), property.description);
    const value = defaults.get(property.name);
    const result: PropertyIR = {
      ...property,
      ...(description && { description }),
      ...(value !== undefined && { default: value, optional: true, defaultInSignature: true as const }),
    };
    const tags = new Map([
      ...(constraints.get(property.name) ?? []),
      ...(constraints.get(`${name}.${property.name}`) ?? []),
    ]);
    const at: TypeContext = { ...context, path: [...base.path, property.name] };
    return applyDocTags(result, tags, at) ? [result] : [];
  });
}

/** `f(a, b)`: each parameter is a property of the arguments object, in order. */
function positionalParameters(
  parameters: ParameterDeclaration[],
  doc: FunctionDoc,
  constraints: Map<string, Map<string, string>>,
  base: Omit<TypeContext, "node">,
): { properties: PropertyIR[]; arguments: ArgumentIR[] } {
  const properties: PropertyIR[] = [];
  const args: ArgumentIR[] = [];
  for (const parameter of parameters) {
    const property = positionalParameter(parameter, doc, constraints, base);
    if (property === ABSENT) {
      args.push({ kind: "undefined" });
    } else {
      if (property) properties.push(property);
      args.push({ kind: "property", name: parameter.name.getText() });
    }
  }
  return { properties, arguments: args };
}

/** A parameter that can only be absent (`undefined`, `never`): nothing on the wire, `undefined` in the call. */
const ABSENT: unique symbol = Symbol("absent");

function positionalParameter(
  parameter: ParameterDeclaration,
  doc: FunctionDoc,
  constraints: Map<string, Map<string, string>>,
  base: Omit<TypeContext, "node">,
): PropertyIR | typeof ABSENT | undefined {
  if (parameter.dotDotDotToken) {
    const message = `Rest parameter "${parameter.name.getText()}" has no name a model could send.`;
    base.diagnostics.push(
      createDiagnostic("TC1004", message, { location: locationOf(parameter), path: base.path }),
    );
    return undefined;
  }
  if (!ts.isIdentifier(parameter.name)) {
    const message = "A destructured parameter is only supported as the sole parameter.";
    base.diagnostics.push(
      createDiagnostic("TC1007", message, { location: locationOf(parameter), path: base.path }),
    );
    return undefined;
  }
  const name = parameter.name.getText();
  const context: TypeContext = {
    ...base,
    path: [...base.path, name],
    node: parameter.type ?? parameter,
  };
  const type = base.checker.getTypeAtLocation(parameter);
  const converted = convertOptional(type, context, convertType);
  if (converted.absent) return ABSENT;
  if (converted.type === undefined) return undefined;
  const { initializer } = parameter;
  const property: PropertyIR = {
    name,
    type: converted.type,
    optional:
      parameter.questionToken !== undefined || initializer !== undefined || converted.undefinedAllowed,
    location: locationOf(parameter),
  };
  const own = docCommentOf(parameter);
  const description = joinTexts(doc.params.get(name), own?.description);
  if (description) property.description = description;
  const value = initializer ? initializerValue(initializer, base.checker) : NOT_LITERAL;
  if (value !== NOT_LITERAL) {
    property.default = value;
    property.defaultInSignature = true;
  }
  const tags = new Map([
    ...(own?.tags.map((t) => [t.name, t.text] as const) ?? []),
    ...(constraints.get(name) ?? []),
  ]);
  if (!applyDocTags(property, tags, context)) return undefined;
  applyTypeTags(property, type, parameter, base.checker);
  return property;
}

/** Two texts about one value (a `@param` and a property comment), each kept once. */
function joinTexts(first: string | undefined, second: string | undefined): string {
  if (!first || !second || first === second) return first || second || "";
  if (first.includes(second)) return first;
  if (second.includes(first)) return second;
  return `${/[.!?:)]$/.test(first) ? first : `${first}.`} ${second}`;
}

/**
 * The name JSDoc gives a flattened parameter: its own, or for a destructured one (`{ city }: Options`)
 * the `@param` name that is not one of its properties (`@param options`, `@param options.city`).
 */
function documentedName(
  parameter: ParameterDeclaration,
  doc: FunctionDoc,
  properties: readonly PropertyIR[],
): string {
  if (ts.isIdentifier(parameter.name)) return parameter.name.getText();
  const names = new Set(properties.map((p) => p.name));
  const roots = [...doc.params.keys()].map((key) => key.split(".")[0] ?? "");
  return roots.find((root) => !names.has(root)) ?? "";
}

/** `@param opts.city text` (or `@param city text`) documents property `city` of a flattened parameter. */
function paramDoc(doc: FunctionDoc, property: string, parameterName: string): string | undefined {
  const dotted = [...doc.params].find(([key]) => key.endsWith(`.${property}`) && key.split(".").length === 2);
  return doc.params.get(`${parameterName}.${property}`) ?? dotted?.[1] ?? doc.params.get(property);
}

/** Defaults written in a destructuring pattern: `{ unit = "c" }: Options`. */
function bindingDefaults(parameter: ParameterDeclaration, checker: TypeChecker): Map<string, unknown> {
  const defaults = new Map<string, unknown>();
  const pattern = parameter.name;
  if (!ts.isObjectBindingPattern(pattern)) return defaults;
  for (const element of pattern.elements) {
    const { initializer, propertyName } = element;
    const value = initializer ? initializerValue(initializer, checker) : NOT_LITERAL;
    const key =
      propertyName && ts.isStringLiteral(propertyName)
        ? propertyName.text
        : (propertyName?.getText() ?? element.name.getText());
    if (value !== NOT_LITERAL) defaults.set(key, value);
  }
  return defaults;
}

/** An object type that can be flattened into the tool's properties: not an array, function or generic. */
function isPlainObjectType(type: Type, checker: TypeChecker): boolean {
  if (type.isIntersection()) return intersectionMembers(type).every((m) => isPlainObjectType(m, checker));
  return (
    hasFlag(type, ts.TypeFlags.Object) &&
    !isArrayType(checker, type) &&
    !isReadonlyArrayType(checker, type) &&
    !isTupleType(type) &&
    type.getCallSignatures().length === 0 &&
    type.getConstructSignatures().length === 0
  );
}

/** A default written as a JSON literal, or as anything whose type is one literal (`Speed.Standard`). */
function initializerValue(initializer: Node, checker: TypeChecker): unknown {
  const value = literalValue(initializer);
  if (value !== NOT_LITERAL) return value;
  const type = checker.getTypeAtLocation(initializer);
  if (hasFlag(type, ts.TypeFlags.BooleanLiteral)) return booleanLiteralValue(type);
  const enumLiteral = hasFlag(type, ts.TypeFlags.EnumLiteral) && !type.isUnion();
  if (type.isStringLiteral() || type.isNumberLiteral() || enumLiteral) {
    const literal = literalTypeValue(type);
    if (typeof literal === "string" || typeof literal === "number") return literal;
  }
  return NOT_LITERAL;
}

/** The node that names a tool in the source: the function's or the variable's name. */
function nameNode(node: ExportedFunction["node"]): Node {
  if (ts.isFunctionDeclaration(node)) return node.name ?? node;
  const variable = ancestorOf(node, ts.isVariableDeclaration);
  return variable?.name ?? node;
}

/**
 * The wire shape of what the function resolves to (`Promise<T>` unwrapped), for dialects that carry
 * an output schema. A result JSON cannot express is simply left out: it is never an argument error.
 * Such a result is masked whole (`sensitive: [[]]`) when a property tagged `@sensitive` is in it.
 */
function resultType(
  fn: ExportedFunction,
  base: Omit<TypeContext, "node">,
): { returns?: TypeIR; sensitive?: string[][] } {
  const signature = base.checker.getSignatureFromDeclaration(fn.node);
  if (!signature) throw new Error(`no signature for "${fn.exportName}"`);
  let type = signature.getReturnType();
  if (symbolName(type) === "Promise") type = typeArguments(base.checker, type)[0] ?? type;
  const diagnostics: Diagnostic[] = [];
  const context: TypeContext = { ...base, diagnostics, path: [...base.path, "(result)"], node: fn.node };
  const nothing = ts.TypeFlags.Void | ts.TypeFlags.Undefined | ts.TypeFlags.Any | ts.TypeFlags.Unknown;
  const ir =
    isErrorType(type) || !hasFlag(type, nothing | ts.TypeFlags.Never)
      ? convertType(type, context)
      : undefined;
  // A misread `@sensitive` in the result's types would leave its values unmasked: that one is an error.
  base.diagnostics.push(...diagnostics.filter((d) => d.code === "TC1015"));
  // A type error in the function (an unknown property, a misspelt name) leaves its result untyped:
  // said, as the output schema goes with it while nothing else shows that anything is wrong.
  const unresolved = diagnostics.find((d) => d.code === "TC2005");
  if (unresolved !== undefined) {
    const where =
      unresolved.path.length > base.path.length + 1
        ? ` (at ${unresolved.path.slice(base.path.length + 1).join(".")})`
        : "";
    const message = `The result of "${fn.exportName}" has a type TypeScript cannot resolve${where}, so it is sent without an output schema.`;
    base.diagnostics.push(
      createDiagnostic("TC2010", message, { location: locationOf(nameNode(fn.node)), path: [...base.path] }),
    );
  }
  if (diagnostics.length === 0) return ir ? { returns: ir } : {};
  // No wire shape to find the paths in: a result holding a tagged value anywhere is masked whole.
  return holdsSensitive(type, base.checker) ? { sensitive: [[]] } : {};
}
