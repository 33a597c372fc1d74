/**
 * The guard's tags on a tool: `@approval`, `@sensitive`, `@maxArgumentsLength` and
 * `@maxContentLength`. Each misreading would weaken the guard without a sign (a misspelt
 * `@Approval` is a tool that runs unasked, a misspelt `@Sensitive` a value written out in clear),
 * so a tag typecall would not read is an error.
 */
import type { Type, TypeChecker } from "typescript";
import type { PropertyIR, TypeIR } from "../ir/types.ts";
import { walkType } from "../ir/walk.ts";
import { closestName } from "../suggest.ts";
import { ts } from "../typescript.ts";
import { type FunctionDoc, readSymbolDoc } from "./jsdoc.ts";
import {
  declarationsOf,
  hasFlag,
  isArrayType,
  isReadonlyArrayType,
  isTupleType,
  typeArguments,
} from "./type-query.ts";

/** The texts of a function's JSDoc a tag could hide in: its description, `@param` texts and tag texts. */
function docTexts(doc: FunctionDoc): string[] {
  return [doc.description, ...doc.params.values(), ...doc.blockTags.map((t) => t.text)];
}

/** `@Approval is not a tag typecall reads: write @approval, in lower case.` */
function misspeltMessage(written: string, tag: string): string {
  const cased = tag === tag.toLowerCase() ? "in lower case" : "with the capitals as here";
  const how = written.toLowerCase() === tag.toLowerCase() ? `write @${tag}, ${cased}` : `write @${tag}`;
  return `@${written} is not a tag typecall reads: ${how}.`;
}

function insideTextMessage(tag: string): string {
  return `@${tag} is written inside other text: start the line with it, so that it is read as a tag.`;
}

/** Whether the function is tagged `@approval`, or the message of a TC1014. */
export function approvalOf(doc: FunctionDoc): boolean | string {
  const misspelt = doc.blockTags.find(
    (t) => /^approv(e|es|ed|al|als)$/i.test(t.name) && t.name !== "approval",
  );
  if (misspelt) return misspeltMessage(misspelt.name, "approval");
  if (docTexts(doc).some((text) => /(^|\s)@approv(e|es|ed|al|als)\b/i.test(text)))
    return insideTextMessage("approval");
  const tags = doc.blockTags.filter((t) => t.name === "approval");
  const worded = tags.find((t) => t.text !== "");
  if (worded)
    return `@approval takes no text, and here it is followed by "${shortText(worded.text)}": write @approval alone on its line, and the tool's text above the tags.`;
  return tags.length > 0;
}

/** The length limits a tool may set, each with the least the runtime takes (as for the toolset's options). */
const LENGTH_TAGS = [
  { tag: "maxArgumentsLength", least: 2, spelling: /^max(arguments?|args?)length$/i, example: 20_000 },
  { tag: "maxContentLength", least: 100, spelling: /^maxcontents?length$/i, example: 5000 },
] as const;

/** The tool's length limits in characters, or the message of a TC1018. */
export function lengthLimitsOf(
  doc: FunctionDoc,
): { maxArgumentsLength?: number; maxContentLength?: number } | string {
  const limits: { maxArgumentsLength?: number; maxContentLength?: number } = {};
  for (const { tag, least, spelling, example } of LENGTH_TAGS) {
    const misspelt = doc.blockTags.find((t) => spelling.test(t.name) && t.name !== tag);
    if (misspelt) return misspeltMessage(misspelt.name, tag);
    const text = doc.tags.get(tag);
    if (text === undefined) continue;
    if (text === "") return `@${tag} names no length: write the most characters, like @${tag} ${example}.`;
    const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(value))
      return `@${tag} ${shortText(text)}: not a whole number of characters; write digits only, like @${tag} ${example}.`;
    if (value < least) return `@${tag} ${text}: the least is ${least} characters.`;
    limits[tag] = value;
  }
  return limits;
}

/**
 * Whether a property's or parameter's own doc comment tags it `@sensitive` (alone: the tag takes no
 * text there), or the message of a TC1015.
 */
export function ownSensitivity(
  description: string,
  tags: Iterable<readonly [string, string]>,
): boolean | string {
  let tagged = false;
  for (const [name, text] of tags) {
    if (/^sensitives?$/i.test(name) && name !== "sensitive") return misspeltMessage(name, "sensitive");
    if (/(^|\s)@sensitives?\b/i.test(text)) return insideTextMessage("sensitive");
    if (name !== "sensitive") continue;
    if (text !== "")
      return `@sensitive takes no text where it tags a value, and here it is followed by "${shortText(text)}": write @sensitive alone on its line.`;
    tagged = true;
  }
  if (/(^|\s)@sensitives?\b/i.test(description)) return insideTextMessage("sensitive");
  return tagged;
}

/**
 * The names of a function's `@sensitive` tags, in written order, or the message of a TC1015 for a
 * misspelt tag, one written inside other text, or one that names nothing (`example` is a parameter
 * to show in the message).
 */
export function sensitiveNames(doc: FunctionDoc, example: string): string[] | string {
  const misspelt = doc.blockTags.find((t) => /^sensitives?$/i.test(t.name) && t.name !== "sensitive");
  if (misspelt) return misspeltMessage(misspelt.name, "sensitive");
  if (docTexts(doc).some((text) => /(^|\s)@sensitives?\b/i.test(text))) return insideTextMessage("sensitive");
  const names: string[] = [];
  for (const tag of doc.blockTags.filter((t) => t.name === "sensitive")) {
    const words = tag.text.split(/\s+/).filter(Boolean);
    if (words.length === 0)
      return `@sensitive in the tool's JSDoc names no parameter: name the parameters to mask (@sensitive ${example}), or tag the property in its own JSDoc.`;
    for (const word of words) if (!names.includes(word)) names.push(word);
  }
  return names;
}

/** A parameter a function's `@sensitive` may name: where its value sits in the arguments, and its wire type. */
export interface SensitiveRoot {
  path: string[];
  /** Undefined for a parameter that can only be absent. */
  type: TypeIR | undefined;
}

/**
 * The path in the arguments of what `@sensitive name` names: a parameter (`card`) or a property
 * below one (`card.number`, `cards.*.cvc`); or the message of a TC1015, with a suggestion.
 */
export function resolveSensitiveName(
  name: string,
  roots: ReadonlyMap<string, SensitiveRoot>,
  definitions: Readonly<Record<string, TypeIR>>,
  tool: string,
): string[] | string {
  const [first = "", ...rest] = name.split(".");
  const root = roots.get(first);
  if (!root)
    return `@sensitive ${name}: "${tool}" has no parameter "${first}"${suggestion(first, [...roots.keys()])}`;
  const path = [...root.path];
  let types = root.type ? [root.type] : [];
  let at = first;
  for (const segment of rest) {
    const next = types.flatMap((t) => childTypes(t, segment, definitions));
    if (next.length === 0) {
      const known = [...new Set(types.flatMap((t) => childNames(t, definitions)))];
      return `@sensitive ${name}: "${at}" has no property "${segment}"${suggestion(segment, known)}`;
    }
    path.push(segment);
    types = next;
    at = `${at}.${segment}`;
  }
  return path;
}

/** The types found one step below `type` at `segment`: a property's, or with `*` an item's or a record value's. */
function childTypes(type: TypeIR, segment: string, definitions: Readonly<Record<string, TypeIR>>): TypeIR[] {
  switch (type.kind) {
    case "object": {
      const property = type.properties.find((p) => p.name === segment);
      if (property) return [property.type];
      return segment === "*" && type.additional ? [type.additional] : [];
    }
    case "array":
      return segment === "*" ? [type.items] : [];
    case "tuple":
      return segment === "*" ? [...type.items, ...(type.rest ? [type.rest] : [])] : [];
    case "union":
      return type.members.flatMap((m) => childTypes(m, segment, definitions));
    case "ref": {
      const definition = definitions[type.name];
      return definition ? childTypes(definition, segment, definitions) : [];
    }
    default:
      return [];
  }
}

/** The segments a path may take below `type`, for a suggestion. */
function childNames(type: TypeIR, definitions: Readonly<Record<string, TypeIR>>): string[] {
  switch (type.kind) {
    case "object":
      return [...type.properties.map((p) => p.name), ...(type.additional ? ["*"] : [])];
    case "array":
    case "tuple":
      return ["*"];
    case "union":
      return type.members.flatMap((m) => childNames(m, definitions));
    case "ref": {
      const definition = definitions[type.name];
      return definition ? childNames(definition, definitions) : [];
    }
    default:
      return [];
  }
}

/** A sensitive property met inside a recursive type, where its path would have no end. */
export interface RecursiveSensitive {
  property: PropertyIR;
  /** The recursive type's definition name. */
  definition: string;
  /** The path, from the arguments or the result, where the recursive type is met. */
  at: string[];
}

/**
 * The paths to the sensitive values below `roots` (the tool's parameters, or its result's type):
 * each property tagged `@sensitive`, and each of `named` (the paths the function's `@sensitive`
 * names). In the order a walk of the types meets them, each once, none below another. A tagged
 * property inside a recursive type is passed to `recursive` (once per type) and has no path.
 */
export function sensitivePaths(
  roots: readonly PropertyIR[] | TypeIR,
  named: readonly (readonly string[])[],
  definitions: Readonly<Record<string, TypeIR>>,
  recursive: (found: RecursiveSensitive) => void,
): string[][] {
  if (named.some((path) => path.length === 0)) return [[]];
  const found: string[][] = [];
  const reported = new Set<string>();
  const isNamed = (path: readonly string[]) => named.some((n) => samePath(n, path));
  // Inside a recursive type the walk goes on only towards a path that is named there.
  const leadsToNamed = (path: readonly string[]) =>
    named.some((n) => n.length > path.length && startsWith(n, path));
  const visitProperty = (property: PropertyIR, path: string[], inDefinition: boolean): void => {
    // A tagged property inside a recursive type is reported (see `recursive`), never given a path.
    if (isNamed(path) || (property.sensitive && !inDefinition)) found.push(path);
    else visitType(property.type, path, inDefinition);
  };
  const visitType = (type: TypeIR, path: string[], inDefinition: boolean): void => {
    if (inDefinition && !leadsToNamed(path)) return;
    switch (type.kind) {
      case "object":
        for (const property of type.properties)
          visitProperty(property, [...path, property.name], inDefinition);
        if (type.additional) visitItems(type.additional, path, inDefinition);
        return;
      case "array":
        visitItems(type.items, path, inDefinition);
        return;
      case "tuple":
        for (const item of [...type.items, ...(type.rest ? [type.rest] : [])])
          visitItems(item, path, inDefinition);
        return;
      case "union":
        for (const member of type.members) visitType(member, path, inDefinition);
        return;
      case "ref": {
        const property = sensitiveInDefinition(type.name, definitions);
        if (property && !reported.has(type.name)) {
          reported.add(type.name);
          recursive({ property, definition: type.name, at: path });
        }
        const definition = definitions[type.name];
        if (definition) visitType(definition, path, true);
        return;
      }
      default:
        return;
    }
  };
  const visitItems = (items: TypeIR, path: string[], inDefinition: boolean): void => {
    const itemPath = [...path, "*"];
    if (isNamed(itemPath)) found.push(itemPath);
    else visitType(items, itemPath, inDefinition);
  };
  if (Array.isArray(roots)) for (const property of roots) visitProperty(property, [property.name], false);
  else visitType(roots as TypeIR, [], false);
  return minimalPaths([...found, ...named.map((n) => [...n])]);
}

/** The first property tagged `@sensitive` in a definition or the definitions it refers to. */
function sensitiveInDefinition(
  name: string,
  definitions: Readonly<Record<string, TypeIR>>,
  seen = new Set<string>(),
): PropertyIR | undefined {
  seen.add(name);
  const definition = definitions[name];
  if (!definition) return undefined;
  let found: PropertyIR | undefined;
  const refs: string[] = [];
  walkType(definition, (t) => {
    if (t.kind === "object") found ??= t.properties.find((p) => p.sensitive);
    if (t.kind === "ref" && !seen.has(t.name)) refs.push(t.name);
  });
  for (const ref of refs) {
    if (found || seen.has(ref)) continue;
    found = sensitiveInDefinition(ref, definitions, seen);
  }
  return found;
}

/** The paths in their order, each once, without one below another (masking a value masks what it holds). */
export function minimalPaths(paths: readonly (readonly string[])[]): string[][] {
  const kept: string[][] = [];
  for (const path of paths) {
    if (paths.some((other) => other.length < path.length && startsWith(path, other))) continue;
    if (!kept.some((k) => samePath(k, path))) kept.push([...path]);
  }
  return kept;
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

function startsWith(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.every((s, i) => s === path[i]);
}

/**
 * Whether a TypeScript type holds a property tagged `@sensitive`, at any depth: for a result whose
 * type has no wire shape (a class with methods, say), which is then masked whole.
 */
export function holdsSensitive(type: Type, checker: TypeChecker, seen: Set<Type> = new Set()): boolean {
  // A generic type can make a new type at every level (`Box<Box<T>>`): the walk stops somewhere.
  if (seen.has(type) || seen.size > 1000) return false;
  seen.add(type);
  const below = (t: Type) => holdsSensitive(t, checker, seen);
  if (type.isUnionOrIntersection()) return type.types.some(below);
  if (!hasFlag(type, ts.TypeFlags.Object)) return false;
  if (isArrayType(checker, type) || isReadonlyArrayType(checker, type) || isTupleType(type))
    return typeArguments(checker, type).some(below);
  const symbol = type.aliasSymbol ?? type.getSymbol();
  if (symbol && declarationsOf(symbol).some(isLibDeclaration)) return false;
  const index = type.getStringIndexType();
  if (index && below(index)) return true;
  return type.getProperties().some((property) => {
    const declaration = property.valueDeclaration ?? declarationsOf(property)[0];
    if (!declaration || isLibDeclaration(declaration)) return false;
    if (readSymbolDoc(property, checker).tags.has("sensitive")) return true;
    return below(checker.getTypeOfSymbolAtLocation(property, declaration));
  });
}

function isLibDeclaration(node: { getSourceFile(): { fileName: string } }): boolean {
  return /[\\/]typescript[\\/]lib[\\/]lib\.[^\\/]*\.d\.ts$/.test(node.getSourceFile().fileName);
}

/** `; did you mean "card"?` when one of `known` is a likely spelling of `name`, else a full stop. */
function suggestion(name: string, known: readonly string[]): string {
  const best = closestName(name, known);
  return best === undefined ? "." : `; did you mean "${best}"?`;
}

/** A tag's text as a message quotes it: its first line, at most 40 characters. */
function shortText(text: string): string {
  const line = text.split("\n")[0] ?? "";
  return line.length > 40 || text.includes("\n") ? `${line.slice(0, 40)}…` : line;
}
