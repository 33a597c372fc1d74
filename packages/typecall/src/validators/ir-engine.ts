import { _joinKey } from "@typecall/runtime/internal";
import { type Cond, callLines, condText, ifElse, ifStatement, join, WIDTH } from "../emit/layout.ts";
import { accessText, camel, MODULE_NAMES, ownPropertyText } from "../emit/names.ts";
import { FORMAT_EXAMPLES } from "../ir/formats.ts";
import { structuralKeys, WORDS } from "../ir/keys.ts";
import { memoized } from "../ir/memo.ts";
import type { ObjectTypeIR, PropertyIR, TupleTypeIR, TypeIR } from "../ir/types.ts";
import { walkType } from "../ir/walk.ts";
import type { ValidatorEngine, ValidatorOutput, ValidatorRequest } from "./engine.ts";

/**
 * typecall's own validator compiler: straight from the IR to code, no TypeScript program needed.
 * The code checks the wire shape exactly as the canonical schema states it (types, enums,
 * constraints, formats, required and unknown properties, recursive definitions) and reports every
 * failure with its final path (`guests[0].email`, `$` for the arguments object itself) and the
 * expected type as the model reads it. Only own properties count: an optional `constructor` that
 * was not sent is absent, not `Object.prototype.constructor`.
 *
 * A valid call allocates nothing: the issue list is created on the first failure. The code reads
 * like a person's: each value is held in a variable named after its path (`guests_item_email`), so
 * an edit to one parameter changes only that parameter's lines; what must be built once (patterns,
 * checkers of a type several tools share, of a recursive type or of a union member) is declared once
 * for the whole module, named after where it is first used, and everything else is inline.
 */
export function createIrEngine(): ValidatorEngine {
  return {
    compile: (requests: readonly ValidatorRequest[]): ValidatorOutput[] => requests.map(compileModule),
  };
}

/** Everything one generated module's validators share. */
interface ModuleState {
  readonly definitions: Readonly<Record<string, TypeIR>>;
  /** Module-level declarations, each complete, in an order where every name is declared before use. */
  readonly declarations: { readonly name: string; readonly lines: readonly string[] }[];
  /** Module-level names taken. */
  readonly names: Set<string>;
  /** Every local name of every function: no module-level name may be shadowed by one. */
  readonly locals: Set<string>;
  /** Checker of each shared type (by structural key) and of each definition (by `ref:` name). */
  readonly checkers: Map<string, Checker>;
  /** Structural keys of the object types met more than once: they get a shared checker. */
  readonly shared: ReadonlySet<string>;
  /** Regular expression constant of each pattern. */
  readonly patterns: Map<string, string>;
}

/** A module-level checker: `(v: any) => ValidatorError[] | undefined`, paths relative to `v`. */
interface Checker {
  readonly name: string;
  /** What its body calls: other checkers, and `_is` (whose memo each validation must reset). */
  readonly calls: Set<string>;
}

/** One function being generated: its local names and what it calls. */
interface FunctionState {
  readonly module: ModuleState;
  readonly names: Set<string>;
  readonly calls: Set<string>;
  /** The structural key of the checker being generated, which must not call itself for its own type. */
  readonly own?: string;
  /** What the function is named after (the tool, the shared type): checkers it needs are named from it. */
  readonly stem: string;
}

/** A segment of a value's path, from the function's root: constant, or held in a loop variable. */
type Segment =
  | { readonly key: string }
  | { readonly index: number }
  | { readonly indexVar: string }
  | { readonly keyVar: string };

/** Where a value is: its path from the function's root, and the stem its variables are named from. */
interface Place {
  readonly path: readonly Segment[];
  readonly stem: string;
}

const ISSUES = "ValidatorError[] | undefined";
/** The column a validator expression starts at in the generated module. */
const VALIDATOR_PAD = "    ";
const IS_MEMO = "_is";

/**
 * Shared checkers are found by wire shape: words and defaults change neither what is accepted nor
 * how an error reads. The key of each object type is asked for to find the shared ones and again to
 * generate its checks; kept by type object across modules and runs, as the IR is never changed.
 */
const WIRE_KEY = structuralKeys(new Set([...WORDS, "default"]));

/** Each tool's arguments as one object type, one object per parameter list, so that its key is made once. */
const argumentsType = memoized(
  (parameters: readonly PropertyIR[]): ObjectTypeIR => ({ kind: "object", properties: [...parameters] }),
);

function compileModule(request: ValidatorRequest): ValidatorOutput {
  const definitions = request.definitions ?? {};
  const roots = request.tools.map(argumentsType);
  const module: ModuleState = {
    definitions,
    declarations: [],
    names: new Set([...MODULE_NAMES, ...RESERVED_LOCAL_NAMES]),
    locals: new Set(),
    checkers: new Map(),
    shared: sharedObjectKeys(roots),
    patterns: new Map(),
  };
  // Validators sit at 4 columns in the module (`    validate: ...`): their lines are laid out at
  // that column, so that they break where the module's reader sees them, and the module indents them.
  const bodies = roots.map((type, i) => {
    const stem = request.names?.[i] ?? `tool${i}`;
    const fn: FunctionState = { module, names: new Set(RESERVED_LOCAL_NAMES), calls: new Set(), stem };
    const lines = objectOrShared(type, "input", { path: [], stem: "" }, fn, `${VALIDATOR_PAD}  `, stem);
    // Tools whose arguments have one shape share its checker, and then one validator made from it.
    const shared = module.checkers.get(WIRE_KEY(type))?.name;
    return { fn, lines, shared };
  });
  const validators = bodies.map(({ fn, lines, shared }) => {
    const memo = usesMemo(fn.calls, module) ? ["  _begin();"] : [];
    if (shared !== undefined && memo.length === 0) return `_validatorOf(${shared})`;
    const body = lines.map((line) => line.slice(VALIDATOR_PAD.length));
    return ["(input: any) => {", ...memo, `  let e: ${ISSUES};`, ...body, "  return _verdict(e);", "}"].join(
      "\n",
    );
  });
  const declarations = module.declarations.map(({ name, lines }) => ({ name, code: lines.join("\n") }));
  const code = [...declarations.map((d) => d.code), ...validators].join("\n");
  return {
    validators,
    helpers: HELPERS.filter((name) => code.includes(`${name}(`)),
    declarations,
    typeImports: ["ValidatorError"],
  };
}

/** What generated validators call from `@typecall/runtime/internal`, sorted. */
const HELPERS = [
  "_begin",
  "_codePoints",
  "_fail",
  "_is",
  "_isFormat",
  "_isUniqueItems",
  "_joinKey",
  "_nest",
  "_ownValue",
  "_unknownKeys",
  "_validatorOf",
  "_verdict",
];

/** Names every generated function already uses (its parameter, the issue list) or must not shadow. */
const RESERVED_LOCAL_NAMES = ["input", "e", "v", "undefined", "NaN", "Infinity"];

/** Whether a function that calls `calls` can reach `_is` (then each validation resets its memo first). */
function usesMemo(calls: ReadonlySet<string>, module: ModuleState): boolean {
  const byName = new Map([...module.checkers.values()].map((c) => [c.name, c]));
  const seen = new Set<string>();
  const stack = [...calls];
  for (let name = stack.pop(); name !== undefined; name = stack.pop()) {
    if (name === IS_MEMO) return true;
    if (seen.has(name)) continue;
    seen.add(name);
    stack.push(...(byName.get(name)?.calls ?? []));
  }
  return false;
}

/** Object types (with properties) that appear more than once across the module's tools' arguments. */
function sharedObjectKeys(roots: readonly TypeIR[]): Set<string> {
  const counts = new Map<string, number>();
  for (const root of roots) for (const key of objectKeysOf(root)) counts.set(key, (counts.get(key) ?? 0) + 1);
  return new Set([...counts].filter(([, n]) => n > 1).map(([key]) => key));
}

/** The keys of the object types (with properties) under a type. */
const objectKeysOf = memoized((root: TypeIR): readonly string[] => {
  const found: string[] = [];
  walkType(root, (type) => {
    if (type.kind === "object" && type.properties.length > 0) found.push(WIRE_KEY(type));
  });
  return found;
});

/** Statements that check the value in `v` (at `place`) against `type`. */
function checks(type: TypeIR, v: string, place: Place, fn: FunctionState, pad: string): string[] {
  switch (type.kind) {
    case "array":
      return arrayChecks(type, v, place, fn, pad);
    case "tuple":
      return tupleChecks(type, v, place, fn, pad);
    case "object":
      return objectOrShared(type, v, place, fn, pad, undefined);
    case "union":
      return unionChecks(type, v, place, fn, pad);
    case "ref":
      return nested(definitionChecker(type.name, fn.module), v, place, fn, pad);
    default:
      return ifStatement(failure(type, v, fn), report(place, expectedText(type), v, `${pad}  `), pad);
  }
}

/**
 * The check of a value that is one condition and one report (a scalar, an enum): what an optional
 * property folds into `if (x !== undefined && (...))`. Undefined for structured checks.
 */
function singleCheck(type: TypeIR, v: string, place: Place, fn: FunctionState): Cond | undefined {
  switch (type.kind) {
    case "array":
    case "tuple":
    case "object":
    case "ref":
      return undefined;
    case "union": {
      // Structured when a discriminant or a member of the value's own kind says where it failed.
      const { members } = type;
      const own = (kind: string): boolean => members.filter((m) => m.kind === kind).length === 1;
      if (discriminant(members) !== undefined || own("object") || own("array")) return undefined;
      return join(
        "&&",
        members.map((m) => negate(isExpression(m, v, place, fn))),
      );
    }
    default:
      return failure(type, v, fn);
  }
}

/** An object: through its module-level checker when several places share its type, else inline. */
function objectOrShared(
  type: Extract<TypeIR, { kind: "object" }>,
  v: string,
  place: Place,
  fn: FunctionState,
  pad: string,
  toolStem: string | undefined,
): string[] {
  const key = WIRE_KEY(type);
  if (key !== fn.own && fn.module.shared.has(key)) {
    const stem = toolStem ?? place.stem;
    return nested(sharedChecker(type, key, fn.module, stem), v, place, fn, pad);
  }
  return objectChecks(type, v, place, fn, pad);
}

/** `e = _nest(e, check(v), "path")`: a module-level checker's issues, moved under this value's path. */
function nested(checker: string, v: string, place: Place, fn: FunctionState, pad: string): string[] {
  fn.calls.add(checker);
  const last = place.path.at(-1);
  const step =
    last === undefined
      ? undefined
      : "indexVar" in last
        ? last.indexVar
        : "keyVar" in last
          ? last.keyVar
          : undefined;
  const base = pathText(step === undefined ? place.path : place.path.slice(0, -1));
  return callLines(
    "e = _nest",
    ["e", `${checker}(${v})`, base, ...(step === undefined ? [] : [step])],
    ";",
    pad,
  );
}

/** The module-level checker of a type several places share, made on first use; returns its name. */
function sharedChecker(type: TypeIR, key: string, module: ModuleState, stem: string): string {
  const known = module.checkers.get(key);
  if (known) return known.name;
  const name = moduleName(camel(["check", stem]), module);
  const checker: Checker = { name, calls: new Set() };
  module.checkers.set(key, checker);
  declareChecker(checker, type, key, module, stem);
  return name;
}

/** The module-level checker of a named (recursive) definition. */
function definitionChecker(definition: string, module: ModuleState): string {
  const key = `ref:${definition}`;
  const known = module.checkers.get(key);
  if (known) return known.name;
  const name = moduleName(camel(["check", definition]), module);
  const checker: Checker = { name, calls: new Set() };
  module.checkers.set(key, checker);
  const type = module.definitions[definition];
  if (type === undefined) throw new Error(`typecall internal error: no definition named ${definition}`);
  declareChecker(checker, type, WIRE_KEY(type), module, definition);
  return name;
}

/** Declares `const name = (v: any): Issues => { ... }`, after what its body needs declared. */
function declareChecker(
  checker: Checker,
  type: TypeIR,
  key: string,
  module: ModuleState,
  stem: string,
): void {
  const names = new Set(RESERVED_LOCAL_NAMES);
  const fn: FunctionState = { module, names, calls: checker.calls, own: key, stem };
  const body = checks(type, "v", { path: [], stem: "" }, fn, "  ");
  module.declarations.push({
    name: checker.name,
    lines: [
      `const ${checker.name} = (v: any): ${ISSUES} => {`,
      `  let e: ${ISSUES};`,
      ...body,
      "  return e;",
      "};",
    ],
  });
}

function arrayChecks(
  type: Extract<TypeIR, { kind: "array" }>,
  v: string,
  place: Place,
  fn: FunctionState,
  pad: string,
): string[] {
  const i = localName(child(place.stem, "i"), fn);
  const item = localName(child(place.stem, "item"), fn);
  const itemPlace: Place = { path: [...place.path, { indexVar: i }], stem: item };
  return ifElse(
    join("||", [`!Array.isArray(${v})`, ...arrayBoundFailures(type, v)]),
    report(place, expectedText(type), v, `${pad}  `),
    [
      `${pad}  for (let ${i} = 0; ${i} < ${v}.length; ${i}++) {`,
      `${pad}    const ${item} = ${v}[${i}];`,
      ...checks(type.items, item, itemPlace, fn, `${pad}    `),
      `${pad}  }`,
    ],
    pad,
  );
}

function tupleChecks(type: TupleTypeIR, v: string, place: Place, fn: FunctionState, pad: string): string[] {
  const lines: string[] = [];
  const required = type.minItems ?? type.items.length;
  type.items.forEach((item, index) => {
    const value = localName(child(place.stem, String(index)), fn);
    const at: Place = { path: [...place.path, { index }], stem: value };
    lines.push(`${pad}  const ${value} = ${v}[${index}];`);
    if (index < required) lines.push(...checks(item, value, at, fn, `${pad}  `));
    else
      lines.push(
        `${pad}  if (${v}.length > ${index}) {`,
        ...checks(item, value, at, fn, `${pad}    `),
        `${pad}  }`,
      );
  });
  if (type.rest) {
    const i = localName(child(place.stem, "i"), fn);
    const item = localName(child(place.stem, "item"), fn);
    const itemPlace: Place = { path: [...place.path, { indexVar: i }], stem: item };
    lines.push(
      `${pad}  for (let ${i} = ${type.items.length}; ${i} < ${v}.length; ${i}++) {`,
      `${pad}    const ${item} = ${v}[${i}];`,
      ...checks(type.rest, item, itemPlace, fn, `${pad}    `),
      `${pad}  }`,
    );
  }
  const fails = join("||", [`!Array.isArray(${v})`, negate(tupleLength(type, v))]);
  return ifElse(fails, report(place, expectedText(type), v, `${pad}  `), lines, pad);
}

/** The length test of a tuple: exact, or a range for optional positions, or a minimum with a rest element. */
function tupleLength(type: TupleTypeIR, v: string): Cond {
  const min = type.minItems ?? type.items.length;
  if (type.rest) return `${v}.length >= ${min}`;
  if (min === type.items.length) return `${v}.length === ${min}`;
  return join("&&", [`${v}.length >= ${min}`, `${v}.length <= ${type.items.length}`]);
}

/** Checks an object inline: its kind, each property (absent allowed when optional) and the other keys. */
function objectChecks(
  type: Extract<TypeIR, { kind: "object" }>,
  v: string,
  place: Place,
  fn: FunctionState,
  pad: string,
): string[] {
  const inner = `${pad}  `;
  const lines: string[] = [];
  for (const property of type.properties) {
    const value = localName(child(place.stem, property.name), fn);
    const at: Place = { path: [...place.path, { key: property.name }], stem: value };
    lines.push(`${inner}const ${value} = ${ownPropertyText(v, property.name)};`);
    const single = property.optional ? singleCheck(property.type, value, at, fn) : undefined;
    if (single !== undefined) {
      const present = join("&&", [`${value} !== undefined`, single]);
      lines.push(
        ...ifStatement(present, report(at, expectedText(property.type), value, `${inner}  `), inner),
      );
    } else if (property.optional) {
      lines.push(
        `${inner}if (${value} !== undefined) {`,
        ...checks(property.type, value, at, fn, `${inner}  `),
        `${inner}}`,
      );
    } else {
      lines.push(...checks(property.type, value, at, fn, inner));
    }
  }
  lines.push(...unknownKeys(type, v, place, fn, inner));
  return ifElse(notObject(v), report(place, "object", v, inner), lines, pad);
}

/**
 * What checks the keys the type does not declare: with no `additional` type, a call of the runtime
 * loop that reports them (one loop for every object type); otherwise a loop checking them against it.
 */
function unknownKeys(
  type: Extract<TypeIR, { kind: "object" }>,
  v: string,
  place: Place,
  fn: FunctionState,
  pad: string,
): string[] {
  const { additional } = type;
  if (additional === undefined) {
    const known = `[${type.properties.map((q) => JSON.stringify(q.name)).join(", ")}]`;
    return callLines("e = _unknownKeys", ["e", v, pathText(place.path), known], ";", pad);
  }
  const key = localName(child(place.stem, "key"), fn);
  const keyPlace: Place = { path: [...place.path, { keyVar: key }], stem: child(place.stem, "value") };
  if (type.properties.length === 0) {
    return [
      `${pad}for (const ${key} in ${v}) {`,
      ...additionalChecks(additional, v, key, keyPlace, fn, `${pad}  `),
      `${pad}}`,
    ];
  }
  const other = additionalChecks(additional, v, key, keyPlace, fn, `${pad}      `);
  const cases = type.properties.map((q) => `case ${JSON.stringify(q.name)}:`);
  const [only] = other;
  if (other.length === 1 && only !== undefined) {
    const line = `${pad}for (const ${key} in ${v}) switch (${key}) { ${cases.join(" ")} break; default: ${only.trim()} }`;
    if (line.length <= WIDTH) return [line];
  }
  return [
    `${pad}for (const ${key} in ${v}) {`,
    `${pad}  switch (${key}) {`,
    ...cases.map((c) => `${pad}    ${c}`),
    `${pad}      break;`,
    `${pad}    default:`,
    ...other,
    `${pad}  }`,
    `${pad}}`,
  ];
}

/** The checks of a property the type does not list, against the type of its index signature. */
function additionalChecks(
  type: TypeIR,
  v: string,
  key: string,
  place: Place,
  fn: FunctionState,
  pad: string,
): string[] {
  const value = localName(place.stem, fn);
  const body = checks(type, value, { ...place, stem: value }, fn, `${pad}  `);
  return [`${pad}{`, `${pad}  const ${value} = ${v}[${key}];`, ...body, `${pad}}`];
}

/**
 * A union passes when any member accepts the value. When none does and exactly one member is an
 * object or array of the value's own kind, its checks run, so the report names the inner path.
 */
function unionChecks(
  type: Extract<TypeIR, { kind: "union" }>,
  v: string,
  place: Place,
  fn: FunctionState,
  pad: string,
): string[] {
  const discriminated = discriminatedChecks(type.members, v, place, fn, pad);
  if (discriminated) return discriminated;
  const { members } = type;
  const none = join(
    "&&",
    members.map((m) => negate(isExpression(m, v, place, fn))),
  );
  const expected = expectedText(type);
  const objects = members.filter((m) => m.kind === "object");
  const arrays = members.filter((m) => m.kind === "array");
  const [object] = objects;
  const [array] = arrays;
  const inner = `${pad}  `;
  // When no member matches and one member is of the value's own kind, its checks say where it failed.
  let own: { test: Cond; type: TypeIR } | undefined;
  if (objects.length === 1 && object)
    own = {
      test: join("&&", [`typeof ${v} === "object"`, `${v} !== null`, `!Array.isArray(${v})`]),
      type: object,
    };
  else if (arrays.length === 1 && array) own = { test: `Array.isArray(${v})`, type: array };
  const body = own
    ? ifElse(
        own.test,
        checks(own.type, v, place, fn, `${inner}  `),
        report(place, expected, v, `${inner}  `),
        inner,
      )
    : report(place, expected, v, inner);
  return ifStatement(none, body, pad);
}

/**
 * A union of objects told apart by a literal property (`kind: "circle" | "square"`): the
 * discriminant picks the member, so a wrong field is reported at its own path, and a wrong
 * discriminant as the list of the values it may take.
 */
function discriminatedChecks(
  members: readonly TypeIR[],
  v: string,
  place: Place,
  fn: FunctionState,
  pad: string,
): string[] | undefined {
  const key = discriminant(members);
  if (key === undefined) return undefined;
  const objects = members.filter((m) => m.kind === "object");
  const nullable = members.some((m) => m.kind === "null");
  const tagOf = (m: (typeof objects)[number]): string | number | boolean | undefined => {
    const type = m.properties.find((q) => q.name === key)?.type;
    return type?.kind === "literal" ? type.value : undefined;
  };
  const expected = objects.map((m) => JSON.stringify(tagOf(m))).join(" | ");
  const tag = `${v}${accessText(key)}`;
  const cases = [`${pad}  switch (${tag}) {`];
  for (const member of objects) {
    cases.push(
      `${pad}    case ${JSON.stringify(tagOf(member))}:`,
      ...objectOrShared(member, v, place, fn, `${pad}      `, undefined),
      `${pad}      break;`,
    );
  }
  const at: Place = { path: [...place.path, { key }], stem: place.stem };
  cases.push(`${pad}    default:`, ...report(at, expected, tag, `${pad}      `), `${pad}  }`);
  if (!nullable) return ifElse(notObject(v), report(place, "object", v, `${pad}  `), cases, pad);
  const notObjectOrNull = join("&&", [`${v} !== null`, notObject(v)]);
  const fails = report(place, "object | null", v, `${pad}  `);
  return ifElse(notObjectOrNull, fails, cases, pad, `else if (${v} !== null)`);
}

/** The property every object member of a union has, as a distinct literal: the discriminant. */
function discriminant(members: readonly TypeIR[]): string | undefined {
  const objects = members.filter((m) => m.kind === "object");
  const nulls = members.filter((m) => m.kind === "null").length;
  if (objects.length < 2 || objects.length + nulls !== members.length) return undefined;
  for (const candidate of objects[0]?.properties ?? []) {
    const values = objects.map((m) => {
      const property = m.properties.find((q) => q.name === candidate.name && !q.optional);
      return property?.type.kind === "literal" ? property.type.value : undefined;
    });
    if (values.every((x) => x !== undefined) && new Set(values).size === values.length) return candidate.name;
  }
  return undefined;
}

/** A boolean expression: does `v` have this type? Used inside unions. */
function isExpression(type: TypeIR, v: string, place: Place, fn: FunctionState): Cond {
  switch (type.kind) {
    case "array": {
      const x = localName(child(place.stem, "x"), fn);
      const items = isExpression(type.items, x, { ...place, stem: x }, fn);
      return join("&&", [
        `Array.isArray(${v})`,
        ...arrayBoundFailures(type, v).map(negate),
        `${v}.every((${x}: any) => ${condText(items)})`,
      ]);
    }
    case "tuple": {
      const required = type.minItems ?? type.items.length;
      const items = type.items.map((item, i): Cond => {
        const test = isExpression(item, `${v}[${i}]`, place, fn);
        return i < required ? test : `(${condText(join("||", [`${v}.length <= ${i}`, test]))})`;
      });
      if (type.rest) {
        const x = localName(child(place.stem, "x"), fn);
        const rest = condText(isExpression(type.rest, x, { ...place, stem: x }, fn), "||");
        items.push(`${v}.every((${x}: any, i: number) => i < ${type.items.length} || ${rest})`);
      }
      return join("&&", [`Array.isArray(${v})`, tupleLength(type, v), ...items]);
    }
    case "object":
    case "ref": {
      // Objects and definitions are checked by their reporting code, once per value: without the
      // memo, nested unions would check each subtree once per member per level.
      const checker =
        type.kind === "ref"
          ? definitionChecker(type.name, fn.module)
          : sharedChecker(type, WIRE_KEY(type), fn.module, child(place.stem || fn.stem, "member"));
      fn.calls.add(IS_MEMO);
      fn.calls.add(checker);
      return `_is(${checker}, ${v})`;
    }
    case "union":
      return join(
        "||",
        type.members.map((m) => isExpression(m, v, place, fn)),
      );
    default:
      return negate(failure(type, v, fn));
  }
}

/** The negation of a condition, written as a person would: `typeof v !== "string"`, De Morgan for joins. */
function negate(cond: Cond): Cond {
  if (typeof cond !== "string") return join(cond.op === "&&" ? "||" : "&&", cond.terms.map(negate));
  const equality = /^([^=!<>|&()]+?) (===|!==) ([^=!<>|&()]+)$/.exec(cond);
  if (equality) return `${equality[1]} ${equality[2] === "===" ? "!==" : "==="} ${equality[3]}`;
  const comparison = /^([\w.$]+) (<|>|<=|>=) (-?[\w.$+-]+)$/.exec(cond);
  if (comparison) {
    const opposite = { "<": ">=", ">": "<=", "<=": ">", ">=": "<" }[comparison[2] as "<"];
    return `${comparison[1]} ${opposite} ${comparison[3]}`;
  }
  if (/^![\w.$]+\([^()]*\)$/.test(cond)) return cond.slice(1);
  if (/^[\w.$]+\([^()]*\)$/.test(cond)) return `!${cond}`;
  return `!(${cond})`;
}

/** The condition under which a scalar value fails its type. */
function failure(type: TypeIR, v: string, fn: FunctionState): Cond {
  switch (type.kind) {
    case "string":
      return stringFailure(type, v, fn);
    case "number":
      return numberFailure(type, v);
    case "boolean":
      return `typeof ${v} !== "boolean"`;
    case "null":
      return `${v} !== null`;
    case "unknown":
      return `${v} === undefined`;
    case "literal":
      return `${v} !== ${JSON.stringify(type.value)}`;
    default:
      throw new Error(`typecall internal error: ${type.kind} is not a scalar type`);
  }
}

function stringFailure(type: Extract<TypeIR, { kind: "string" }>, v: string, fn: FunctionState): Cond {
  const { module } = fn;
  const terms: Cond[] = [`typeof ${v} !== "string"`];
  // Lengths count characters (code points), as JSON Schema does; `length` counts UTF-16 units,
  // at least as many, so it settles most strings without counting.
  if (type.minLength !== undefined) {
    terms.push(`${v}.length < ${type.minLength}`);
    if (type.minLength > 0) {
      terms.push(
        join("&&", [`${v}.length < ${2 * type.minLength}`, `_codePoints(${v}) < ${type.minLength}`]),
      );
    }
  }
  if (type.maxLength !== undefined) {
    terms.push(join("&&", [`${v}.length > ${type.maxLength}`, `_codePoints(${v}) > ${type.maxLength}`]));
  }
  if (type.pattern !== undefined) terms.push(`!${patternConstant(type.pattern, v, module)}.test(${v})`);
  if (type.format !== undefined) {
    terms.push(`!_isFormat(${JSON.stringify(type.format)}, ${v})`);
  }
  return join("||", terms);
}

/** The module-level constant of a pattern, built once and shared by every value that uses it. */
function patternConstant(pattern: string, v: string, module: ModuleState): string {
  const known = module.patterns.get(pattern);
  if (known) return known;
  const name = moduleName(camel([v, "pattern"]), module);
  module.patterns.set(pattern, name);
  module.declarations.push({ name, lines: [`const ${name} = new RegExp(${JSON.stringify(pattern)}, "u");`] });
  return name;
}

function numberFailure(type: Extract<TypeIR, { kind: "number" }>, v: string): Cond {
  // Both are false for anything but a number: no `typeof` test before them (less code to compile).
  const terms: Cond[] = [type.integer ? `!Number.isInteger(${v})` : `!Number.isFinite(${v})`];
  if (type.minimum !== undefined) terms.push(`${v} < ${type.minimum}`);
  if (type.maximum !== undefined) terms.push(`${v} > ${type.maximum}`);
  if (type.exclusiveMinimum !== undefined) terms.push(`${v} <= ${type.exclusiveMinimum}`);
  if (type.exclusiveMaximum !== undefined) terms.push(`${v} >= ${type.exclusiveMaximum}`);
  if (type.multipleOf !== undefined) terms.push(`!Number.isInteger(${v} / ${type.multipleOf})`);
  return join("||", terms);
}

function arrayBoundFailures(type: Extract<TypeIR, { kind: "array" }>, v: string): Cond[] {
  const terms: Cond[] = [];
  if (type.minItems !== undefined) terms.push(`${v}.length < ${type.minItems}`);
  if (type.maxItems !== undefined) terms.push(`${v}.length > ${type.maxItems}`);
  if (type.uniqueItems) {
    terms.push(`!_isUniqueItems(${v})`);
  }
  return terms;
}

function notObject(v: string): Cond {
  return join("||", [`typeof ${v} !== "object"`, `${v} === null`, `Array.isArray(${v})`]);
}

/**
 * How the expected type reads in an error: `string`, `integer (at least 1)`, `"c" | "f"`,
 * `Array<string>`, `object`, `string (format: email)`.
 */
export function expectedText(type: TypeIR): string {
  switch (type.kind) {
    case "number":
      return withRules(
        type.integer ? "integer" : "number",
        [
          ["minimum", "at least"],
          ["maximum", "at most"],
          ["exclusiveMinimum", "more than"],
          ["exclusiveMaximum", "less than"],
          ["multipleOf", "a multiple of"],
        ],
        type,
      );
    case "string": {
      const example = type.format === undefined ? undefined : FORMAT_EXAMPLES[type.format];
      const text = withRules(
        "string",
        [
          ["format", "format:"],
          ["minLength", "min length"],
          ["maxLength", "max length"],
          ["pattern", "pattern"],
        ],
        type,
      );
      return example === undefined ? text : `${text.slice(0, -1)}, such as ${JSON.stringify(example)})`;
    }
    case "literal":
      return JSON.stringify(type.value);
    case "array":
      return withRules(
        `Array<${expectedText(type.items)}>`,
        [
          ["minItems", "min items"],
          ["maxItems", "max items"],
          ["uniqueItems", "unique items"],
        ],
        type,
      );
    case "tuple": {
      const required = type.minItems ?? type.items.length;
      const items = type.items.map((item, i) => `${expectedText(item)}${i < required ? "" : "?"}`);
      if (type.rest) items.push(`...${expectedText(type.rest)}[]`);
      return `[${items.join(", ")}]`;
    }
    case "union":
      return type.members.map(expectedText).join(" | ");
    case "unknown":
      return "any JSON value";
    case "ref":
      return type.name;
    default:
      return type.kind;
  }
}

function withRules(base: string, rules: [string, string][], type: object): string {
  const values = type as Record<string, unknown>;
  const said = rules
    .filter(([key]) => values[key] !== undefined && values[key] !== false)
    .map(([key, words]) => (values[key] === true ? words : `${words} ${String(values[key])}`));
  return said.length > 0 ? `${base} (${said.join(", ")})` : base;
}

/** The statement that records one failure: `e = _fail(e, path, expected, value);`. */
function report(place: Place, expected: string, value: string, pad: string): string[] {
  return callLines("e = _fail", ["e", failurePath(place.path), JSON.stringify(expected), value], ";", pad);
}

/** The path of a failure: `"$"` for the root itself. */
function failurePath(path: readonly Segment[]): string {
  const expression = pathText(path);
  return expression === '""' ? '"$"' : expression;
}

/** The path expression of a place (empty at the root), constant parts folded at compile time. */
function pathText(path: readonly Segment[]): string {
  // The path as parts: string literals (merged as they come) and run-time expressions.
  const parts: { text: string; literal: boolean }[] = [{ text: "", literal: true }];
  const add = (text: string, literal: boolean): void => {
    const last = parts[parts.length - 1] as { text: string; literal: boolean };
    if (literal && last.literal) last.text += text;
    else parts.push({ text, literal });
  };
  for (const segment of path) {
    // The path so far when it is known at compile time (one literal part): not after a `_joinKey` call.
    const only = parts.length === 1 ? (parts[0] as { text: string; literal: boolean }) : undefined;
    const constant = only?.literal ? only.text : undefined;
    if ("key" in segment) {
      // A key after a non-empty path always reads `.key` or `["key"]`: `_joinKey` is only needed
      // when the path it extends is known at run time only, and empty at the root.
      if (constant !== undefined) (parts[0] as { text: string }).text = _joinKey(constant, segment.key);
      else add(_joinKey("x", segment.key).slice(1), true);
    } else if ("index" in segment) add(`[${segment.index}]`, true);
    else if ("indexVar" in segment) {
      add("[", true);
      add(segment.indexVar, false);
      add("]", true);
    } else if (constant !== undefined) {
      parts.splice(0, 1, {
        text: `_joinKey(${JSON.stringify(constant)}, ${segment.keyVar})`,
        literal: false,
      });
    } else {
      const expression = parts.map((p) => (p.literal ? JSON.stringify(p.text) : p.text)).join(" + ");
      parts.splice(0, parts.length, { text: `_joinKey(${expression}, ${segment.keyVar})`, literal: false });
    }
  }
  const shown = parts.filter((p, i) => !(p.literal && p.text === "" && parts.length > 1 && i === 0));
  return shown.map((p) => (p.literal ? JSON.stringify(p.text) : p.text)).join(" + ");
}

/** JavaScript's reserved words, which a variable named after a property must not take. */
const RESERVED_WORDS = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if implements import in instanceof interface let new null package private protected public return " +
    "static super switch this throw true try typeof var void while with yield await arguments eval of any"
  ).split(" "),
);

/** An identifier from a path stem: `guests_item_email`; other characters become `_`. */
function identifier(stem: string): string {
  let name = stem.replace(/[^\w$]/g, "_");
  if (/^\d/.test(name)) name = `_${name}`;
  if (RESERVED_WORDS.has(name) || name.startsWith("_")) name = `${name}_`;
  return name;
}

/** A path stem one step down: `guests` then `guests_item`, and `item` at the root. */
function child(stem: string, name: string): string {
  return stem === "" ? name : `${stem}_${name}`;
}

/** A fresh local name from a stem, unique within the function and never a module-level name. */
function localName(stem: string, fn: FunctionState): string {
  const name = fresh(identifier(stem), fn.names, fn.module.names);
  fn.module.locals.add(name);
  return name;
}

/** A fresh module-level name from a stem, never the name of any function's local. */
function moduleName(stem: string, module: ModuleState): string {
  return fresh(identifier(stem), module.names, module.locals);
}

function fresh(base: string, taken: Set<string>, alsoTaken?: ReadonlySet<string>): string {
  let name = base;
  for (let i = 2; taken.has(name) || alsoTaken?.has(name); i++) name = `${base}_${i}`;
  taken.add(name);
  return name;
}
