/**
 * Coercers compiled from the IR: for each tool whose arguments have anything to convert or
 * normalise, a `coerce` function that dispatch runs on arguments the validator refused (and on
 * every call when defaults sit below the top level), before validating them again. It does what
 * the README says ("What lenient parsing and coercion do, and never do"), from what the compiler
 * knows of each type, so the runtime never reads a schema:
 *
 * - a value that fits its type is never converted;
 * - a string holding exactly a JSON number, boolean or `null` literal becomes that value where the
 *   type wants that kind and the result fits (an integer past 2^53 stays a string);
 * - a string holding a JSON object or array becomes it where the type wants one, prepared inside;
 * - a number or boolean becomes a string only for a string literal of exactly that text;
 * - `null` for an optional property whose type does not take null means absent; an absent property
 *   below the top level gets a copy of its default (dispatch fills in the top level's, which the
 *   definition lists);
 * - a union keeps a value some member takes as it is (that member's defaults apply), else uses a
 *   conversion only when every member that accepts a converted value agrees on it.
 *
 * Objects are coerced by module-level functions shared by every use of their shape; unions with
 * members of parts ask the runtime's `_union`, with each member's coercer and shape predicate
 * (`fits.ts`); everything else is a helper call or a short expression.
 */
import type { ObjectTypeIR, ToolIR, ToolsetIR, TupleTypeIR, TypeIR } from "../ir/types.ts";
import type { Declaration } from "../validators/engine.ts";
import {
  type CoerceModule,
  calls,
  createCoerceModule,
  deeper,
  functionScope,
  helper,
  madeFunction,
  parameterName,
  reachesMemo,
  type Scope,
} from "./coerce-module.ts";
import { helperText, isScalar, type ScalarIR, scalarConversion } from "./coerce-scalars.ts";
import { isEncodableRecord, isEncodableTuple } from "./encodings.ts";
import {
  definitionPredicate,
  fitsCond,
  fitsFunction,
  memberPredicate,
  memberStem,
  objectPredicate,
} from "./fits.ts";
import { printJson } from "./json.ts";
import { callLines, condText, ifStatement, join, parenthesized, WIDTH } from "./layout.ts";
import { isIdentity, takesNull, takesOnlyParts } from "./type-facts.ts";

/** The coercers of one generated module. */
export interface CoercerOutput {
  /** Per tool, in order: its `coerce` function, laid out for 4 columns, or undefined when nothing can change. */
  coercers: (string | undefined)[];
  /** Module-level functions the coercers share, in order. */
  declarations: Declaration[];
  /** Helper names the coercers import from `@typecall/runtime/internal`, sorted. */
  helpers: string[];
}

/** Compiles the coercers of a toolset's tools; `taken` are the module-level names they must not declare. */
export function compileCoercers(toolset: ToolsetIR, taken: Iterable<string>): CoercerOutput {
  const module = createCoerceModule(toolset.definitions, taken);
  const coercers = toolset.tools.map((tool) => toolCoercer(tool, module));
  return {
    coercers,
    declarations: module.declarations.map((d) => ({ name: d.name, code: d.lines.join("\n") })),
    helpers: [...module.helpers].sort(),
  };
}

/** The column a definition's properties start at in the generated module (`    coerce: ...`). */
const TOOL_PAD = "    ";

function toolCoercer(tool: ToolIR, module: CoerceModule): string | undefined {
  const type: ObjectTypeIR = { kind: "object", properties: tool.parameters };
  // The top level's defaults are dispatch's (`ToolDefinition.defaults`): a valid call needs them too.
  if (!hasPatches(type, module, true)) return undefined;
  const scope = functionScope(module);
  const patches = objectPatches(type, scope, [], true, `${TOOL_PAD}  `).map((l) => l.slice(TOOL_PAD.length));
  const start = reachesMemo(scope.fn, module) ? [`  ${helper(scope, "_begin")}();`] : [];
  return [
    "(input: any) => {",
    ...start,
    `  const out = ${helper(scope, "_copy")}(input);`,
    "  if (out === undefined) return input;",
    ...patches,
    "  return out;",
    "}",
  ].join("\n");
}

/** How to coerce values of a type: a function to pass (a name, or an arrow), and the call on a value. */
interface Coercion {
  readonly fn: string;
  /** `fn` names a helper or a module-level function (the same function at every call). */
  readonly named: boolean;
  apply(x: string): string;
}

/** The coercion by the function of that name. */
function named(fn: string): Coercion {
  return { fn, named: true, apply: (x) => `${fn}(${x})` };
}

/** The coercion written as an expression of the value; as a function, an arrow named for its depth. */
function expression(scope: Scope, body: (x: string, scope: Scope) => string): Coercion {
  return {
    get fn() {
      const x = parameterName(scope);
      // A formatter's parentheses around a conditional body: `(x) => (x === 2 ? "2" : x)`.
      return `(${x}: any) => ${parenthesized(body(x, deeper(scope)))}`;
    },
    named: false,
    apply: (x) => body(x, scope),
  };
}

type Kind = TypeIR["kind"];
type Of<K extends Kind> = Extract<TypeIR, { kind: K }>;
type Coercer<K extends Kind> = (type: Of<K>, scope: Scope, stem: readonly string[]) => Coercion | undefined;

/** How values of `type` are coerced; undefined when nothing can change them (free strings, `unknown`). */
function coercion(type: TypeIR, scope: Scope, stem: readonly string[]): Coercion | undefined {
  return (COERCE[type.kind] as Coercer<Kind>)(type as never, scope, stem);
}

const COERCE: { [K in Kind]: Coercer<K> } = {
  string: () => undefined,
  unknown: () => undefined,
  number: (type, scope) => scalarCoercion([type], scope),
  boolean: (type, scope) => scalarCoercion([type], scope),
  null: (type, scope) => scalarCoercion([type], scope),
  literal: (type, scope) => scalarCoercion([type], scope),
  array: (type, scope, stem) => {
    const array = helper(scope, "_array");
    if (isIdentity(type.items, scope.module.definitions)) return named(array);
    return expression(scope, (x, inner) => {
      const item = coercion(type.items, inner, [...stem, "item"]) as Coercion;
      return `${array}(${x}, ${item.fn})`;
    });
  },
  tuple: (type, scope, stem) => {
    if (!isEncodableTuple(type, scope.module.definitions)) return tupleCoercion(type, scope, stem);
    // Sent as an object by strict dialects (`encodings.ts`): turned back into an array first.
    const positions = helper(scope, "_positions");
    const required = type.minItems ?? type.items.length;
    return expression(scope, (x, inner) =>
      tupleCoercion(type, inner, stem).apply(`${positions}(${x}, ${type.items.length}, ${required})`),
    );
  },
  object: (type, scope, stem) => {
    if (!isEncodableRecord(type)) return objectCoercion(type, scope, stem);
    // Sent as `{ key, value }` entries by strict dialects (`encodings.ts`): turned back into an object first.
    const entries = helper(scope, "_entries");
    return expression(scope, (x, inner) => objectCoercion(type, inner, stem).apply(`${entries}(${x})`));
  },
  union: (type, scope, stem) => {
    const scalars = type.members.filter(isScalar);
    if (scalars.length === type.members.length) return scalarCoercion(scalars, scope);
    return named(calls(scope, unionCoercer(type, scope.module, stem)));
  },
  ref: (type, scope) =>
    isIdentity(type, scope.module.definitions)
      ? undefined
      : named(calls(scope, definitionCoercer(type.name, scope.module))),
};

/** An object: by `_object` when none of its properties can change, else by its module-level coercer. */
function objectCoercion(type: ObjectTypeIR, scope: Scope, stem: readonly string[]): Coercion {
  if (!hasPatches(type, scope.module, false)) return named(helper(scope, "_object"));
  return named(calls(scope, objectCoercer(type, scope.module, stem)));
}

/** A scalar, or a union of scalars: helper calls, and a test per single value that converts. */
function scalarCoercion(members: readonly ScalarIR[], scope: Scope): Coercion | undefined {
  const conversion = scalarConversion(members);
  if (conversion === undefined) return undefined;
  for (const h of conversion.helpers) helper(scope, h.name);
  // One helper and nothing else: the helper itself (`_number`).
  const [only, ...more] = conversion.helpers;
  const alone = !conversion.guarded && conversion.branches.length === 0 && more.length === 0;
  if (alone && only !== undefined && only.args.length === 0) return named(only.name);
  return expression(scope, (x, inner) => {
    const branches = conversion.branches.map(([test, result]) => `${test(x)} ? ${result} : `).join("");
    const converted = branches + helperText(conversion, x);
    if (!conversion.guarded) return converted;
    const fits = join(
      "||",
      members.map((m) => fitsCond(m, x, inner, [])),
    );
    return `${condText(fits)} ? ${x} : ${converted}`;
  });
}

/** A tuple: each position's coercion, by index, in one pass over the items. */
function tupleCoercion(type: TupleTypeIR, scope: Scope, stem: readonly string[]): Coercion {
  const array = helper(scope, "_array");
  const { module } = scope;
  if (
    type.items.every((item) => isIdentity(item, module.definitions)) &&
    (!type.rest || isIdentity(type.rest, module.definitions))
  )
    return named(array);
  return expression(scope, (x, inner) => {
    const [y, i] = [parameterName(inner), parameterName(inner, "i")];
    const items = deeper(inner);
    const positions = type.items.map((item, index) => coercion(item, items, [...stem, String(index)]));
    const rest = type.rest && coercion(type.rest, items, [...stem, "item"]);
    const texts = positions.map((c) => c?.apply(y));
    const [first] = texts;
    // Every position alike (`[number, number]`): one test of the index, or none with a rest alike too.
    if (first !== undefined && texts.every((t) => t === first)) {
      if (rest?.apply(y) === first) return `${array}(${x}, ${rest.fn})`;
      if (rest === undefined)
        return `${array}(${x}, (${y}: any, ${i}: number) => (${i} < ${texts.length} ? ${first} : ${y}))`;
    }
    const branches = texts.flatMap((t, index) =>
      t === undefined ? [] : [`${i} === ${index} ? ${parenthesized(t)} : `],
    );
    const last = rest ? `${i} >= ${type.items.length} ? ${parenthesized(rest.apply(y))} : ${y}` : y;
    return `${array}(${x}, (${y}: any, ${i}: number) => (${branches.join("")}${last}))`;
  });
}

/**
 * The statements that coerce the properties of `out` (an object coercer's copy): each property's
 * conversion, `null` dropped where its type does not take it, then its default. The top level's
 * defaults are left to dispatch.
 */
function objectPatches(
  type: ObjectTypeIR,
  scope: Scope,
  stem: readonly string[],
  top: boolean,
  pad: string,
): string[] {
  const { module } = scope;
  const lines: string[] = [];
  for (const property of type.properties) {
    const key = JSON.stringify(property.name);
    const c = coercion(property.type, scope, [...stem, property.name]);
    if (property.optional && !takesNull(property.type, module.definitions)) {
      lines.push(...callLines(helper(scope, "_optional"), ["out", key, ...(c ? [c.fn] : [])], ";", pad));
    } else if (c) {
      lines.push(...callLines(helper(scope, "_prop"), ["out", key, c.fn], ";", pad));
    }
    if (!top && property.default !== undefined) {
      const head = `${pad}${helper(scope, "_default")}(out, ${key}, `;
      // `)` and the `;` after it: the printer keeps room for one.
      lines.push(`${head}${printJson(property.default, pad.length, WIDTH - 1, head.length)});`);
    }
  }
  const additional = type.additional && coercion(type.additional, scope, [...stem, "value"]);
  if (additional) {
    const known = `[${type.properties.map((p) => JSON.stringify(p.name)).join(", ")}]`;
    lines.push(...callLines(helper(scope, "_others"), ["out", known, additional.fn], ";", pad));
  }
  return lines;
}

/** Whether coercing an object changes anything inside it (beyond decoding it from text). */
function hasPatches(type: ObjectTypeIR, module: CoerceModule, top: boolean): boolean {
  return (
    type.properties.some(
      (p) =>
        !isIdentity(p.type, module.definitions) ||
        (p.optional && !takesNull(p.type, module.definitions)) ||
        (!top && p.default !== undefined),
    ) ||
    (type.additional !== undefined && !isIdentity(type.additional, module.definitions))
  );
}

/** The module-level coercer of an object type, shared by every use of its shape and defaults. */
function objectCoercer(type: ObjectTypeIR, module: CoerceModule, stem: readonly string[]): string {
  return madeFunction(module, `coerce:${module.keyOf(type)}`, ["coerce", ...stem], (name, scope) =>
    objectCoercerLines(name, type, scope, stem),
  );
}

function objectCoercerLines(
  name: string,
  type: ObjectTypeIR,
  scope: Scope,
  stem: readonly string[],
): string[] {
  if (!hasPatches(type, scope.module, false))
    return [`const ${name} = (v: any): any => ${helper(scope, "_object")}(v);`];
  return [
    `const ${name} = (v: any): any => {`,
    `  const out = ${helper(scope, "_copy")}(v);`,
    "  if (out === undefined) return v;",
    ...objectPatches(type, scope, stem, false, "  "),
    "  return out;",
    "};",
  ];
}

/** The module-level coercer of a union with members of parts (objects, arrays, named types). */
function unionCoercer(type: Of<"union">, module: CoerceModule, stem: readonly string[]): string {
  return madeFunction(module, `coerce:${module.keyOf(type)}`, ["coerce", ...stem], (name, scope) =>
    unionCoercerLines(name, type, scope, stem),
  );
}

/**
 * A union's coercer. When its members of parts can only take objects and arrays, a value its
 * scalar members take is kept and their conversions are tried first (a string holds a number or
 * an object, never both); the members of parts are left to `_union`. Otherwise `_union` judges
 * every member, in order.
 */
function unionCoercerLines(name: string, type: Of<"union">, scope: Scope, stem: readonly string[]): string[] {
  const { module } = scope;
  const scalars = type.members.filter(isScalar);
  const others = type.members.filter((m) => !isScalar(m));
  const scalarsFirst = others.every((m) => takesOnlyParts(m, module.definitions));
  const lines: string[] = [];
  if (scalarsFirst && scalars.length > 0) {
    const fits = join(
      "||",
      scalars.map((m) => fitsCond(m, "v", scope, stem)),
    );
    lines.push(...ifStatement(fits, ["    return v;"], "  "));
    const conversion = scalarConversion(scalars);
    for (const [test, result] of conversion?.branches ?? [])
      lines.push(`  if (${test("v")}) return ${result};`);
    if (conversion && conversion.helpers.length > 0) {
      for (const h of conversion.helpers) helper(scope, h.name);
      lines.push(
        `  const converted = ${helperText(conversion, "v")};`,
        "  if (converted !== v) return converted;",
      );
    }
  }
  const members = (scalarsFirst ? others : type.members).map((m) =>
    memberPair(m, scope, memberStem(stem, type.members.indexOf(m))),
  );
  scope.fn.memo = true;
  const union = helper(scope, "_union");
  const call = `${union}(v, [${members.join(", ")}])`;
  // The call as a statement at `pad`: on one line when it fits, else one member per line.
  const called = (head: string, pad: string): string[] =>
    `${pad}${head}${call};`.length <= WIDTH
      ? [`${pad}${head}${call};`]
      : [`${pad}${head}${union}(v, [`, ...members.map((m) => `${pad}  ${m},`), `${pad}]);`];
  const arrow = `const ${name} = (v: any): any =>`;
  if (lines.length > 0) return [`${arrow} {`, ...lines, ...called("return ", "  "), "};"];
  if (`${arrow} ${call};`.length <= WIDTH) return [`${arrow} ${call};`];
  return [arrow, ...called("", "  ")];
}

/**
 * A union member as `_union` takes it, `[coerce, fits]`: functions made once, so that what the
 * runtime remembers per member and object holds for the whole pass. Members without parts cannot
 * nest, so theirs can be arrows.
 */
function memberPair(member: TypeIR, scope: Scope, stem: readonly string[]): string {
  const { module } = scope;
  switch (member.kind) {
    case "object": {
      const coerce = coercion(member, scope, stem) as Coercion;
      return `[${coerce.fn}, ${calls(scope, objectPredicate(member, module, stem))}]`;
    }
    case "ref": {
      const coerce = coercion(member, scope, stem)?.fn ?? "(x: any) => x";
      return `[${coerce}, ${calls(scope, definitionPredicate(member.name, module))}]`;
    }
    case "array":
    case "tuple":
    case "union": {
      const key = module.keyOf(member);
      const own = coercion(member, scope, stem);
      const coerce = own?.named
        ? own.fn
        : calls(
            scope,
            madeFunction(module, `coerce:${key}`, ["coerce", ...stem], (name, inner) => [
              `const ${name} = (v: any): any => ${parenthesized(coercion(member, inner, stem)?.apply("v") ?? "v")};`,
            ]),
          );
      return `[${coerce}, ${calls(scope, memberPredicate(member, module, stem))}]`;
    }
    default:
      return `[${coercion(member, scope, stem)?.fn ?? "(x: any) => x"}, ${fitsFunction(member, scope, stem)}]`;
  }
}

/** The module-level coercer of a named (recursive) type. */
function definitionCoercer(definition: string, module: CoerceModule): string {
  const type = module.definitions[definition];
  if (type === undefined) throw new Error(`typecall internal error: no definition named ${definition}`);
  return madeFunction(module, `coerce:ref:${definition}`, ["coerce", definition], (name, scope) => {
    if (type.kind === "object") return objectCoercerLines(name, type, scope, [definition]);
    if (type.kind === "union" && !type.members.every(isScalar))
      return unionCoercerLines(name, type, scope, [definition]);
    const body = coercion(type, scope, [definition])?.apply("v") ?? "v";
    return [`const ${name} = (v: any): any => ${parenthesized(body)};`];
  });
}
