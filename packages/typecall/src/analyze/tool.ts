import { Node, type ParameterDeclaration, type Type, ts } from "ts-morph";
import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import type { PropertyIR, ToolIR, TypeIR } from "../ir/types.ts";
import { isToolContextParameter } from "./context-param.ts";
import type { ExportedFunction } from "./discover.ts";
import { type FunctionDoc, readFunctionDoc } from "./jsdoc.ts";
import { literalValue, NOT_LITERAL } from "./literal.ts";
import { locationOf } from "./location.ts";
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
  checker: ts.TypeChecker,
  diagnostics: Diagnostic[],
  entry: EntryState,
): ToolIR | undefined {
  const doc = readFunctionDoc(fn.node);
  if (EXCLUDING_TAGS.some((tag) => doc.tags.has(tag))) return undefined;
  const name = doc.tags.get("name") || fn.exportName;
  const location = locationOf(nameNode(fn.node));
  const before = diagnostics.length;
  if (fn.overloads > 0) {
    diagnostics.push(
      createDiagnostic(
        "TC1003",
        `"${fn.exportName}" has ${fn.overloads} overload signatures; a tool has one.`,
        {
          location,
          path: [name],
        },
      ),
    );
    return undefined;
  }
  const parameters = fn.node.getParameters();
  const contextIndexes = parameters.flatMap((p, i) => (isToolContextParameter(p) ? [i] : []));
  for (const extra of contextIndexes.slice(1)) {
    const at = { location: locationOf(parameters[extra] as Node), path: [name] };
    diagnostics.push(
      createDiagnostic("TC1005", `"${fn.exportName}" declares more than one ToolContext.`, at),
    );
  }
  const data = parameters.filter((_, i) => !contextIndexes.includes(i));
  const base = { checker, diagnostics, stack: [], path: [name], entry } satisfies Omit<TypeContext, "node">;
  const flattened =
    data.length === 1 ? flattenObjectParameter(data[0] as ParameterDeclaration, doc, base) : undefined;
  const wire = flattened ?? positionalParameters(data, doc, base);
  if (diagnostics.length > before && diagnostics.slice(before).some((d) => d.severity === "error"))
    return undefined;
  const tool: ToolIR = {
    name,
    exportName: fn.exportName,
    description: doc.description,
    parameters: wire,
    call: { kind: flattened ? "object" : "positional" },
    arity: parameters.length,
    location,
  };
  if (contextIndexes[0] !== undefined) tool.context = { index: contextIndexes[0] };
  const deprecated = doc.tags.get("deprecated");
  if (deprecated !== undefined) tool.deprecated = deprecated;
  if (doc.examples.length > 0) tool.examples = doc.examples;
  const notes = NOTE_TAGS.flatMap(([tag, label]) => {
    const text = doc.tags.get(tag);
    return text ? [`${label}${text}`] : [];
  });
  if (notes.length > 0) tool.notes = notes;
  const returns = resultType(fn, base);
  if (returns) tool.returns = returns;
  return tool;
}

/** A sole parameter of object type: its properties become the tool's (`f({ city, unit })`). */
function flattenObjectParameter(
  parameter: ParameterDeclaration,
  doc: FunctionDoc,
  base: Omit<TypeContext, "node">,
): PropertyIR[] | undefined {
  const declared = parameter.getType();
  const members = declared.isUnion() ? declared.getUnionTypes().filter((m) => !m.isUndefined()) : [declared];
  const type = members.length === 1 ? members[0] : undefined;
  // A record (`Record<string, T>`) stays a named parameter: its free keys are data, not the tool's properties.
  if (!type || !isPlainObjectType(type) || type.getStringIndexType() !== undefined) return undefined;
  const context: TypeContext = { ...base, path: [...base.path], node: parameter.getTypeNode() ?? parameter };
  const ir = convertType(type, context);
  if (ir?.kind !== "object") return ir === undefined ? [] : undefined;
  const defaults = bindingDefaults(parameter);
  return ir.properties.map((property) => {
    const description = paramDoc(doc, property.name, parameter.getName());
    const value = defaults.get(property.name);
    return {
      ...property,
      ...(description !== undefined && { description }),
      ...(value !== undefined && { default: value, optional: true }),
    };
  });
}

/** `f(a, b)`: each parameter is a property of the arguments object, in order. */
function positionalParameters(
  parameters: ParameterDeclaration[],
  doc: FunctionDoc,
  base: Omit<TypeContext, "node">,
): PropertyIR[] {
  const result: PropertyIR[] = [];
  for (const parameter of parameters) {
    const property = positionalParameter(parameter, doc, base);
    if (property) result.push(property);
  }
  return result;
}

function positionalParameter(
  parameter: ParameterDeclaration,
  doc: FunctionDoc,
  base: Omit<TypeContext, "node">,
): PropertyIR | undefined {
  if (parameter.isRestParameter()) {
    const message = `Rest parameter "${parameter.getName()}" has no name a model could send.`;
    base.diagnostics.push(
      createDiagnostic("TC1004", message, { location: locationOf(parameter), path: base.path }),
    );
    return undefined;
  }
  if (!Node.isIdentifier(parameter.getNameNode())) {
    const message = "A destructured parameter is only supported as the sole parameter.";
    base.diagnostics.push(
      createDiagnostic("TC1007", message, { location: locationOf(parameter), path: base.path }),
    );
    return undefined;
  }
  const name = parameter.getName();
  const context: TypeContext = {
    ...base,
    path: [...base.path, name],
    node: parameter.getTypeNode() ?? parameter,
  };
  const converted = convertOptional(parameter.getType(), context, convertType);
  if (converted.type === undefined) return undefined;
  const initializer = parameter.getInitializer();
  const property: PropertyIR = {
    name,
    type: converted.type,
    optional: parameter.hasQuestionToken() || initializer !== undefined || converted.undefinedAllowed,
  };
  const description = doc.params.get(name);
  if (description) property.description = description;
  const value = initializer ? initializerValue(initializer) : NOT_LITERAL;
  if (value !== NOT_LITERAL) property.default = value;
  if (!applyDocTags(property, parameterTags(parameter), context)) return undefined;
  applyTypeTags(property, parameter.getType(), parameter);
  return property;
}

/** Tags of a JSDoc comment written on the parameter itself: `/** @minimum 1 *\/ count: number`. */
function parameterTags(parameter: ParameterDeclaration): Map<string, string> {
  const tags = new Map<string, string>();
  for (const tag of ts.getJSDocTags(parameter.compilerNode)) {
    if (ts.isJSDocParameterTag(tag)) continue;
    tags.set(tag.tagName.text, (ts.getTextOfJSDocComment(tag.comment) ?? "").trim());
  }
  return tags;
}

/** `@param opts.city text` (or `@param city text`) documents property `city` of a flattened parameter. */
function paramDoc(doc: FunctionDoc, property: string, parameterName: string): string | undefined {
  const dotted = [...doc.params].find(([key]) => key.endsWith(`.${property}`) && key.split(".").length === 2);
  return doc.params.get(`${parameterName}.${property}`) ?? dotted?.[1] ?? doc.params.get(property);
}

/** Defaults written in a destructuring pattern: `{ unit = "c" }: Options`. */
function bindingDefaults(parameter: ParameterDeclaration): Map<string, unknown> {
  const defaults = new Map<string, unknown>();
  const pattern = parameter.getNameNode();
  if (!Node.isObjectBindingPattern(pattern)) return defaults;
  for (const element of pattern.getElements()) {
    const initializer = element.getInitializer();
    const value = initializer ? initializerValue(initializer) : NOT_LITERAL;
    const nameNode = element.getPropertyNameNode();
    const key =
      nameNode && Node.isStringLiteral(nameNode)
        ? nameNode.getLiteralValue()
        : (nameNode?.getText() ?? element.getName());
    if (value !== NOT_LITERAL) defaults.set(key, value);
  }
  return defaults;
}

/** An object type that can be flattened into the tool's properties: not an array, function or generic. */
function isPlainObjectType(type: Type): boolean {
  if (type.isIntersection()) return type.getIntersectionTypes().every(isPlainObjectType);
  return (
    type.isObject() &&
    !type.isArray() &&
    !type.isReadonlyArray() &&
    !type.isTuple() &&
    type.getCallSignatures().length === 0 &&
    type.getConstructSignatures().length === 0
  );
}

/** A default written as a JSON literal, or as anything whose type is one literal (`Speed.Standard`). */
function initializerValue(initializer: Node): unknown {
  const value = literalValue(initializer);
  if (value !== NOT_LITERAL) return value;
  const type = initializer.getType();
  if (type.isBooleanLiteral()) return type.getText() === "true";
  if (type.isStringLiteral() || type.isNumberLiteral() || type.isEnumLiteral()) {
    const literal = type.getLiteralValue();
    if (typeof literal === "string" || typeof literal === "number") return literal;
  }
  return NOT_LITERAL;
}

/** The node that names a tool in the source: the function's or the variable's name. */
function nameNode(node: ExportedFunction["node"]): Node {
  if (Node.isFunctionDeclaration(node)) return node.getNameNode() ?? node;
  const variable = node.getFirstAncestor(Node.isVariableDeclaration);
  return variable?.getNameNode() ?? node;
}

/**
 * The wire shape of what the function resolves to (`Promise<T>` unwrapped), for dialects that carry
 * an output schema. A result JSON cannot express is simply left out: it is never an argument error.
 */
function resultType(fn: ExportedFunction, base: Omit<TypeContext, "node">): TypeIR | undefined {
  let type = fn.node.getReturnType();
  if (type.getSymbol()?.getName() === "Promise") type = type.getTypeArguments()[0] ?? type;
  if (type.isVoid() || type.isUndefined() || type.isAny() || type.isUnknown() || type.isNever())
    return undefined;
  const diagnostics: Diagnostic[] = [];
  const context: TypeContext = { ...base, diagnostics, path: [...base.path, "(result)"], node: fn.node };
  const ir = convertType(type, context);
  return diagnostics.length === 0 ? ir : undefined;
}
