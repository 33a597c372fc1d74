import { _joinKey } from "@typecall/runtime/internal";
import { FORMAT_EXAMPLES } from "../ir/formats.ts";
import type { PropertyIR, TupleTypeIR, TypeIR } from "../ir/types.ts";
import { referencedDefinitions } from "../ir/walk.ts";
import type { ValidatorEngine, ValidatorOutput, ValidatorRequest } from "./engine.ts";

/**
 * typecall's own validator compiler: straight from the IR to code, no TypeScript program needed.
 * The code checks the wire shape exactly as the canonical schema states it (types, enums,
 * constraints, formats, required and unknown properties, recursive definitions) and reports every
 * failure with its final path (`guests[0].email`, `$` for the arguments object itself) and the
 * expected type as the model reads it. Only own properties count: an optional `constructor` that
 * was not sent is absent, not `Object.prototype.constructor`. A valid call allocates nothing: the error list is
 * created on the first failure, and regular expressions and definition checkers are built once.
 */
export function createIrEngine(): ValidatorEngine {
  return {
    compile: (requests: readonly ValidatorRequest[]): ValidatorOutput[] =>
      requests.map((request) => {
        const helpers = new Set<string>();
        const validators = request.tools.map((tool) =>
          compileValidator(tool, request.definitions ?? {}, helpers),
        );
        return { validators, helpers: [...helpers].sort() };
      }),
  };
}

/** Code generation state: fresh names, what is hoisted out of the per-call function, helpers used. */
interface Emitter {
  next: number;
  hoisted: string[];
  helpers: Set<string>;
  definitions: Readonly<Record<string, TypeIR>>;
  /** This validator tests union members through `_is`, whose memo each validation starts afresh. */
  memo?: boolean;
}

const ERROR_TYPE = "{ path: string; expected: string; value: unknown }[] | undefined";

/** The path expression of the arguments object: empty, so that its properties read `city`, not `.city`. */
const ROOT = '""';

/** `(input: unknown) => ValidatorResult` for one arguments object. */
export function compileValidator(
  parameters: readonly PropertyIR[],
  definitions: Readonly<Record<string, TypeIR>> = {},
  helpers: Set<string> = new Set(),
): string {
  const emitter: Emitter = { next: 0, hoisted: [], helpers, definitions };
  for (const name of referencedDefinitions(parameters, definitions)) {
    const body = checks(definitions[name] as TypeIR, "v", "p", emitter, "    ");
    emitter.hoisted.push(
      `  const ${definitionChecker(name)} = (v: any, p: string, e: ${ERROR_TYPE}): ${ERROR_TYPE} => {`,
      ...body,
      "    return e;",
      "  };",
    );
  }
  const body = objectChecks(parameters, undefined, "input", ROOT, emitter, "    ");
  return [
    "(() => {",
    ...emitter.hoisted,
    "  return (input: unknown) => {",
    ...(emitter.memo ? ["    _validation();"] : []),
    `    let e: ${ERROR_TYPE};`,
    ...body,
    "    return e === undefined ? { success: true as const } : { success: false as const, errors: e };",
    "  };",
    "})()",
  ].join("\n");
}

/** Statements that check the value in `v` (path expression `p`) against `type`. */
function checks(type: TypeIR, v: string, p: string, emitter: Emitter, pad: string): string[] {
  switch (type.kind) {
    case "array":
      return arrayChecks(type, v, p, emitter, pad);
    case "tuple":
      return tupleChecks(type, v, p, emitter, pad);
    case "object":
      return objectChecks(type.properties, type.additional, v, p, emitter, pad);
    case "union":
      return unionChecks(type.members, v, p, emitter, pad);
    case "ref":
      return [`${pad}e = ${definitionChecker(type.name)}(${v}, ${p}, e);`];
    default:
      return [`${pad}if (!(${test(type, v, emitter)})) ${report(p, expectedText(type), v)};`];
  }
}

function arrayChecks(
  type: Extract<TypeIR, { kind: "array" }>,
  v: string,
  p: string,
  emitter: Emitter,
  pad: string,
) {
  const i = `i${emitter.next++}`;
  const item = `v${emitter.next++}`;
  const bounds = arrayBounds(type, v, emitter);
  return [
    `${pad}if (!Array.isArray(${v})${bounds ? ` || !(${bounds})` : ""}) ${report(p, expectedText(type), v)};`,
    `${pad}else for (let ${i} = 0; ${i} < ${v}.length; ${i}++) {`,
    `${pad}  const ${item}: any = ${v}[${i}];`,
    ...checks(type.items, item, `${joinPath(p, "[")} + ${i} + "]"`, emitter, `${pad}  `),
    `${pad}}`,
  ];
}

function tupleChecks(type: TupleTypeIR, v: string, p: string, emitter: Emitter, pad: string) {
  const lines = [
    `${pad}if (!Array.isArray(${v}) || !(${tupleLength(type, v)})) ${report(p, expectedText(type), v)};`,
    `${pad}else {`,
  ];
  const required = type.minItems ?? type.items.length;
  type.items.forEach((item, index) => {
    const value = `v${emitter.next++}`;
    const inner = checks(item, value, joinPath(p, `[${index}]`), emitter, `${pad}    `);
    lines.push(`${pad}  const ${value}: any = ${v}[${index}];`);
    if (index < required) lines.push(...inner.map((line) => line.slice(2)));
    else lines.push(`${pad}  if (${v}.length > ${index}) {`, ...inner, `${pad}  }`);
  });
  if (type.rest) {
    const i = `i${emitter.next++}`;
    const item = `v${emitter.next++}`;
    lines.push(
      `${pad}  for (let ${i} = ${type.items.length}; ${i} < ${v}.length; ${i}++) {`,
      `${pad}    const ${item}: any = ${v}[${i}];`,
      ...checks(type.rest, item, `${joinPath(p, "[")} + ${i} + "]"`, emitter, `${pad}    `),
      `${pad}  }`,
    );
  }
  lines.push(`${pad}}`);
  return lines;
}

/** The length test of a tuple: exact, or a range for optional positions, or a minimum with a rest element. */
function tupleLength(type: TupleTypeIR, v: string): string {
  const min = type.minItems ?? type.items.length;
  if (type.rest) return `${v}.length >= ${min}`;
  if (min === type.items.length) return `${v}.length === ${min}`;
  return `${v}.length >= ${min} && ${v}.length <= ${type.items.length}`;
}

/** Checks an object: its type, each property (absent allowed when optional) and the other keys. */
function objectChecks(
  properties: readonly PropertyIR[],
  additional: TypeIR | undefined,
  v: string,
  p: string,
  emitter: Emitter,
  pad: string,
): string[] {
  const o = `o${emitter.next++}`;
  const lines = [
    `${pad}if (typeof ${v} !== "object" || ${v} === null || Array.isArray(${v})) ${report(p, "object", v)};`,
    `${pad}else {`,
    `${pad}  const ${o}: any = ${v};`,
  ];
  for (const property of properties) {
    const value = `v${emitter.next++}`;
    const path = joinKey(p, property.name, emitter);
    lines.push(`${pad}  const ${value}: any = ${ownValue(o, property.name, emitter)};`);
    const inner = checks(property.type, value, path, emitter, `${pad}    `);
    if (property.optional) {
      lines.push(`${pad}  if (${value} !== undefined) {`, ...inner, `${pad}  }`);
    } else {
      lines.push(...inner.map((line) => line.slice(2)));
    }
  }
  const k = `k${emitter.next++}`;
  emitter.helpers.add("_joinKey");
  const keyPath = `_joinKey(${p}, ${k})`;
  const other = additional
    ? [`{`, ...checks(additional, `${o}[${k}]`, keyPath, emitter, `${pad}      `), `${pad}    }`].join("\n")
    : `${report(keyPath, "undefined", `${o}[${k}]`)};`;
  const known = properties.map((q) => `case ${JSON.stringify(q.name)}:`).join(" ");
  lines.push(
    `${pad}  for (const ${k} in ${o}) {`,
    known ? `${pad}    switch (${k}) { ${known} break; default: ${other} }` : `${pad}    ${other}`,
    `${pad}  }`,
    `${pad}}`,
  );
  return lines;
}

/**
 * A union passes when any member accepts the value. When none does and exactly one member is an
 * object or array of the value's own kind, its checks run, so the report names the inner path.
 */
function unionChecks(
  members: readonly TypeIR[],
  v: string,
  p: string,
  emitter: Emitter,
  pad: string,
): string[] {
  const discriminated = discriminatedChecks(members, v, p, emitter, pad);
  if (discriminated) return discriminated;
  const anyMatches = members.map((m) => isExpression(m, v, emitter)).join(" || ");
  const objects = members.filter((m) => m.kind === "object");
  const arrays = members.filter((m) => m.kind === "array");
  const lines = [`${pad}if (!(${anyMatches})) {`];
  const expected = expectedText({ kind: "union", members: [...members] });
  const [object] = objects;
  const [array] = arrays;
  if (objects.length === 1 && object) {
    lines.push(
      `${pad}  if (typeof ${v} === "object" && ${v} !== null && !Array.isArray(${v})) {`,
      ...checks(object, v, p, emitter, `${pad}    `),
      `${pad}  } else ${report(p, expected, v)};`,
    );
  } else if (arrays.length === 1 && array) {
    lines.push(
      `${pad}  if (Array.isArray(${v})) {`,
      ...checks(array, v, p, emitter, `${pad}    `),
      `${pad}  } else ${report(p, expected, v)};`,
    );
  } else {
    lines.push(`${pad}  ${report(p, expected, v)};`);
  }
  lines.push(`${pad}}`);
  return lines;
}

/**
 * A union of objects told apart by a literal property (`kind: "circle" | "square"`): the
 * discriminant picks the member, so a wrong field is reported at its own path, and a wrong
 * discriminant as the list of the values it may take.
 */
function discriminatedChecks(
  members: readonly TypeIR[],
  v: string,
  p: string,
  emitter: Emitter,
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
  const notObject = `typeof ${v} !== "object" || ${v} === null || Array.isArray(${v})`;
  const lines = [
    nullable
      ? `${pad}if (${v} !== null && (${notObject})) ${report(p, `object | null`, v)};`
      : `${pad}if (${notObject}) ${report(p, "object", v)};`,
    `${pad}else${nullable ? ` if (${v} !== null)` : ""} switch (${v}[${JSON.stringify(key)}]) {`,
  ];
  for (const member of objects) {
    lines.push(
      `${pad}  case ${JSON.stringify(tagOf(member))}: {`,
      ...checks(member, v, p, emitter, `${pad}    `),
      `${pad}    break;`,
      `${pad}  }`,
    );
  }
  const at = joinKey(p, key, emitter);
  lines.push(`${pad}  default: ${report(at, expected, `${v}[${JSON.stringify(key)}]`)};`, `${pad}}`);
  return lines;
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
function isExpression(type: TypeIR, v: string, emitter: Emitter): string {
  switch (type.kind) {
    case "array": {
      const x = `x${emitter.next++}`;
      const bounds = arrayBounds(type, v, emitter);
      const items = `${v}.every((${x}: any) => ${isExpression(type.items, x, emitter)})`;
      return `(Array.isArray(${v})${bounds ? ` && ${bounds}` : ""} && ${items})`;
    }
    case "tuple": {
      const required = type.minItems ?? type.items.length;
      const items = type.items.map((item, i) => {
        const test = isExpression(item, `${v}[${i}]`, emitter);
        return i < required ? test : `(${v}.length <= ${i} || ${test})`;
      });
      if (type.rest) {
        const x = `x${emitter.next++}`;
        const rest = isExpression(type.rest, x, emitter);
        items.push(`${v}.every((${x}: any, i: number) => i < ${type.items.length} || ${rest})`);
      }
      return `(Array.isArray(${v}) && ${tupleLength(type, v)}${items.map((t) => ` && ${t}`).join("")})`;
    }
    case "object":
    case "ref": {
      // Objects and definitions are checked by their reporting code, into a throwaway list, once
      // per value: without the memo, nested unions would check each subtree once per member per level.
      const name = hoistChecker(type, emitter);
      emitter.helpers.add("_is");
      emitter.helpers.add("_validation");
      emitter.memo = true;
      return `_is(${name}, ${v})`;
    }
    case "union":
      return `(${type.members.map((m) => isExpression(m, v, emitter)).join(" || ")})`;
    default:
      return test(type, v, emitter);
  }
}

/** Hoists the reporting checks of a type into a function built once; returns its name. */
function hoistChecker(type: TypeIR, emitter: Emitter): string {
  if (type.kind === "ref") return definitionChecker(type.name);
  const name = `c${emitter.next++}`;
  const body = checks(type, "v", "p", emitter, "    ");
  emitter.hoisted.push(
    `  const ${name} = (v: any, p: string, e: ${ERROR_TYPE}): ${ERROR_TYPE} => {`,
    ...body,
    "    return e;",
    "  };",
  );
  return name;
}

/** The test of a scalar type. */
function test(type: TypeIR, v: string, emitter: Emitter): string {
  switch (type.kind) {
    case "string":
      return stringTest(type, v, emitter);
    case "number":
      return numberTest(type, v);
    case "boolean":
      return `typeof ${v} === "boolean"`;
    case "null":
      return `${v} === null`;
    case "unknown":
      return `${v} !== undefined`;
    case "literal":
      return `${v} === ${JSON.stringify(type.value)}`;
    default:
      throw new Error(`typecall internal error: ${type.kind} is not a scalar type`);
  }
}

function stringTest(type: Extract<TypeIR, { kind: "string" }>, v: string, emitter: Emitter): string {
  const parts = [`typeof ${v} === "string"`];
  // Lengths count characters (code points), as JSON Schema does; `length` counts UTF-16 units,
  // at least as many, so it settles most strings without counting.
  if (type.minLength !== undefined) {
    emitter.helpers.add("_codePoints");
    parts.push(`${v}.length >= ${type.minLength}`);
    if (type.minLength > 0)
      parts.push(`(${v}.length >= ${2 * type.minLength} || _codePoints(${v}) >= ${type.minLength})`);
  }
  if (type.maxLength !== undefined) {
    emitter.helpers.add("_codePoints");
    parts.push(`(${v}.length <= ${type.maxLength} || _codePoints(${v}) <= ${type.maxLength})`);
  }
  if (type.pattern !== undefined) {
    const name = `re${emitter.next++}`;
    emitter.hoisted.push(`  const ${name} = new RegExp(${JSON.stringify(type.pattern)}, "u");`);
    parts.push(`${name}.test(${v})`);
  }
  if (type.format !== undefined) {
    emitter.helpers.add("_isFormat");
    parts.push(`_isFormat(${JSON.stringify(type.format)}, ${v})`);
  }
  return parts.join(" && ");
}

function numberTest(type: Extract<TypeIR, { kind: "number" }>, v: string): string {
  const parts = [
    `typeof ${v} === "number"`,
    type.integer ? `Number.isInteger(${v})` : `Number.isFinite(${v})`,
  ];
  if (type.minimum !== undefined) parts.push(`${v} >= ${type.minimum}`);
  if (type.maximum !== undefined) parts.push(`${v} <= ${type.maximum}`);
  if (type.exclusiveMinimum !== undefined) parts.push(`${v} > ${type.exclusiveMinimum}`);
  if (type.exclusiveMaximum !== undefined) parts.push(`${v} < ${type.exclusiveMaximum}`);
  if (type.multipleOf !== undefined) parts.push(`Number.isInteger(${v} / ${type.multipleOf})`);
  return parts.join(" && ");
}

function arrayBounds(type: Extract<TypeIR, { kind: "array" }>, v: string, emitter: Emitter): string {
  const parts: string[] = [];
  if (type.minItems !== undefined) parts.push(`${v}.length >= ${type.minItems}`);
  if (type.maxItems !== undefined) parts.push(`${v}.length <= ${type.maxItems}`);
  if (type.uniqueItems) {
    emitter.helpers.add("_isUniqueItems");
    parts.push(`_isUniqueItems(${v})`);
  }
  return parts.join(" && ");
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

/** The statement that records one failure; the list is only allocated when something fails. */
function report(path: string, expected: string, value: string): string {
  const at = path === ROOT ? '"$"' : path;
  return `(e ??= []).push({ path: ${at}, expected: ${JSON.stringify(expected)}, value: ${value} })`;
}

/**
 * Reads an own property. Keys that `Object.prototype` also has (`constructor`, `toString`, ...)
 * go through a helper, so an inherited value never passes for a sent one.
 */
function ownValue(object: string, key: string, emitter: Emitter): string {
  if (!(key in Object.prototype)) return `${object}[${JSON.stringify(key)}]`;
  emitter.helpers.add("_ownValue");
  return `_ownValue(${object}, ${JSON.stringify(key)})`;
}

function definitionChecker(name: string): string {
  return `d_${name.replace(/\W/g, "_")}`;
}

/** Appends a constant to a path expression, folding it into a string literal when it is one. */
function joinPath(path: string, suffix: string): string {
  if (isLiteral(path)) return JSON.stringify((JSON.parse(path) as string) + suffix);
  return `${path} + ${JSON.stringify(suffix)}`;
}

/** Extends a path expression by a property key, as the runtime's `_joinKey` does, folded when constant. */
function joinKey(path: string, key: string, emitter: Emitter): string {
  if (isLiteral(path)) return JSON.stringify(_joinKey(JSON.parse(path) as string, key));
  emitter.helpers.add("_joinKey");
  return `_joinKey(${path}, ${JSON.stringify(key)})`;
}

function isLiteral(path: string): boolean {
  return /^"(?:[^"\\]|\\.)*"$/.test(path);
}
