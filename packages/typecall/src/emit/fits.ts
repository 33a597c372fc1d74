/**
 * Shape predicates for coercion: whether a value has the shape a type describes (kinds, integers,
 * literals, required and unknown properties, items, tuple positions, union members), refinements
 * (bounds, lengths, formats, patterns) aside, which are the validator's business and never decide
 * a conversion. A union's coercion asks them which member takes a value as it is, and which
 * members accept a converted one; only union members need them.
 */
import type { ObjectTypeIR, TupleTypeIR, TypeIR } from "../ir/types.ts";
import {
  type CoerceModule,
  calls,
  deeper,
  helper,
  madeFunction,
  parameterName,
  type Scope,
} from "./coerce-module.ts";
import { type Cond, condLines, condText, join, WIDTH } from "./layout.ts";
import { isInherited, ownPropertyText } from "./names.ts";

type Kind = TypeIR["kind"];
type Of<K extends Kind> = Extract<TypeIR, { kind: K }>;
type Fitter<K extends Kind> = (type: Of<K>, x: string, scope: Scope, stem: readonly string[]) => Cond;

/** The condition under which the value `x` (an expression without side effects) has the shape of `type`. */
export function fitsCond(type: TypeIR, x: string, scope: Scope, stem: readonly string[]): Cond {
  return (FITS[type.kind] as Fitter<Kind>)(type as never, x, scope, stem);
}

const FITS: { [K in Kind]: Fitter<K> } = {
  string: (_, x) => `typeof ${x} === "string"`,
  number: (type, x) => (type.integer ? `Number.isInteger(${x})` : `typeof ${x} === "number"`),
  boolean: (_, x) => `typeof ${x} === "boolean"`,
  null: (_, x) => `${x} === null`,
  literal: (type, x) => `${x} === ${JSON.stringify(type.value)}`,
  unknown: (_, x) => `${x} !== undefined`,
  array: (type, x, scope, stem) =>
    join("&&", [`Array.isArray(${x})`, `${x}.every(${fitsFunction(type.items, scope, [...stem, "item"])})`]),
  tuple: tupleFits,
  object: (type, x, scope, stem) => `${calls(scope, objectPredicate(type, scope.module, stem))}(${x})`,
  union: (type, x, scope, stem) =>
    join(
      "||",
      type.members.map((member, i) => memberFits(member, x, scope, memberStem(stem, i))),
    ),
  ref: (type, x, scope) => `${calls(scope, definitionPredicate(type.name, scope.module))}(${x})`,
};

/** What a union member's functions are named from: `member`, `member2`, ... after the union's stem. */
export function memberStem(stem: readonly string[], index: number): string[] {
  return [...stem, index === 0 ? "member" : `member${index + 1}`];
}

/**
 * A union member's condition: an object's or a definition's verdict is remembered for the pass, so
 * that nested unions judge each value once per member.
 */
function memberFits(member: TypeIR, x: string, scope: Scope, stem: readonly string[]): Cond {
  if (member.kind !== "object" && member.kind !== "ref") return fitsCond(member, x, scope, stem);
  scope.fn.memo = true;
  const name =
    member.kind === "ref"
      ? definitionPredicate(member.name, scope.module)
      : objectPredicate(member, scope.module, stem);
  return `${helper(scope, "_fits")}(${calls(scope, name)}, ${x})`;
}

function tupleFits(type: TupleTypeIR, x: string, scope: Scope, stem: readonly string[]): Cond {
  const required = type.minItems ?? type.items.length;
  const terms: Cond[] = [`Array.isArray(${x})`];
  if (type.rest === undefined && required === type.items.length) terms.push(`${x}.length === ${required}`);
  else terms.push(`${x}.length >= ${required}`);
  if (type.rest === undefined && required < type.items.length)
    terms.push(`${x}.length <= ${type.items.length}`);
  type.items.forEach((item, i) => {
    const test = fitsCond(item, `${x}[${i}]`, scope, [...stem, String(i)]);
    terms.push(i < required ? test : `(${condText(join("||", [`${x}.length <= ${i}`, test]))})`);
  });
  if (type.rest) {
    const [y, i] = [parameterName(scope), parameterName(scope, "i")];
    const rest = condText(fitsCond(type.rest, y, deeper(scope), [...stem, "item"]), "||");
    terms.push(`${x}.every((${y}: any, ${i}: number) => ${i} < ${type.items.length} || ${rest})`);
  }
  return join("&&", terms);
}

/** A predicate to pass as a function: a module-level one's name, or an arrow function. */
export function fitsFunction(type: TypeIR, scope: Scope, stem: readonly string[]): string {
  if (type.kind === "object") return calls(scope, objectPredicate(type, scope.module, stem));
  if (type.kind === "ref") return calls(scope, definitionPredicate(type.name, scope.module));
  const x = parameterName(scope);
  return `(${x}: any) => ${condText(fitsCond(type, x, deeper(scope), stem))}`;
}

/** The module-level predicate of an object type, shared by every use of its shape. */
export function objectPredicate(type: ObjectTypeIR, module: CoerceModule, stem: readonly string[]): string {
  return madeFunction(module, `fits:${module.keyOf(type)}`, ["fits", ...stem], (name, scope) =>
    predicateLines(name, objectFits(type, "v", scope, stem)),
  );
}

/** The module-level predicate of a named (recursive) type. */
export function definitionPredicate(definition: string, module: CoerceModule): string {
  const type = module.definitions[definition];
  if (type === undefined) throw new Error(`typecall internal error: no definition named ${definition}`);
  return madeFunction(module, `fits:ref:${definition}`, ["fits", definition], (name, scope) => {
    const cond = type.kind === "object" ? objectFits(type, "v", scope, [definition]) : undefined;
    return predicateLines(name, cond ?? fitsCond(type, "v", scope, [definition]));
  });
}

/** The module-level predicate of a union member that is no object: an array, a tuple, a union. */
export function memberPredicate(type: TypeIR, module: CoerceModule, stem: readonly string[]): string {
  return madeFunction(module, `fits:${module.keyOf(type)}`, ["fits", ...stem], (name, scope) =>
    predicateLines(name, fitsCond(type, "v", scope, stem)),
  );
}

/** An object: its properties' shapes (a required one present), and no key it does not declare. */
function objectFits(type: ObjectTypeIR, v: string, scope: Scope, stem: readonly string[]): Cond {
  const terms: Cond[] = [`${helper(scope, "_isObject")}(${v})`];
  for (const property of type.properties) {
    if (isInherited(property.name)) helper(scope, "_ownValue");
    const value = ownPropertyText(v, property.name);
    // A required property is present when its value fits: no type takes undefined.
    const test = fitsCond(property.type, value, scope, [...stem, property.name]);
    if (!property.optional) terms.push(test);
    else if (property.type.kind !== "unknown")
      terms.push(`(${condText(join("||", [`${value} === undefined`, test]))})`);
  }
  const known = `[${type.properties.map((p) => JSON.stringify(p.name)).join(", ")}]`;
  const additional = type.additional && fitsFunction(type.additional, scope, [...stem, "value"]);
  terms.push(`${helper(scope, "_othersFit")}(${[v, known, ...(additional ? [additional] : [])].join(", ")})`);
  return join("&&", terms);
}

/** `const name = (v: any): boolean => cond;`, the condition broken one term per line when too long. */
function predicateLines(name: string, cond: Cond): string[] {
  const head = `const ${name} = (v: any): boolean =>`;
  const flat = `${head} ${condText(cond)};`;
  if (flat.length <= WIDTH) return [flat];
  const lines = condLines(cond, "  ");
  return [head, ...lines.slice(0, -1), `${lines.at(-1)};`];
}
