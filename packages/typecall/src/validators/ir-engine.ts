import type { PropertyIR, TypeIR } from "../ir/types.ts";
import type { ValidatorEngine, ValidatorOutput, ValidatorRequest } from "./engine.ts";

/**
 * typecall's own validator compiler: straight from the IR to code, no TypeScript program needed.
 * The code checks the wire shape exactly as the canonical schema states it (types, enums,
 * required and unknown properties) and reports every failure with its path and the expected type.
 * A valid call allocates nothing: the error list is created on the first failure.
 */
export function createIrEngine(): ValidatorEngine {
  return {
    compile: (requests: readonly ValidatorRequest[]): ValidatorOutput[] =>
      requests.map((request) => ({
        validators: request.tools.map(compileValidator),
        helpers: request.tools.length > 0 ? ["_accessKey"] : [],
      })),
  };
}

/** Code generation state: fresh variable names. */
interface Emitter {
  next: number;
}

/** `(input: unknown) => ValidatorResult` for one arguments object. */
export function compileValidator(parameters: readonly PropertyIR[]): string {
  const emitter: Emitter = { next: 0 };
  const body = objectChecks(parameters, "input", '"$input"', emitter, "  ");
  return [
    "(input: unknown) => {",
    "  let e: { path: string; expected: string; value: unknown }[] | undefined;",
    ...body,
    "  return e === undefined ? { success: true as const } : { success: false as const, errors: e };",
    "}",
  ].join("\n");
}

/** Statements that check the value in `v` (path expression `p`) against `type`. */
function checks(type: TypeIR, v: string, p: string, emitter: Emitter, pad: string): string[] {
  switch (type.kind) {
    case "array": {
      const i = `i${emitter.next++}`;
      const item = `v${emitter.next++}`;
      return [
        `${pad}if (!Array.isArray(${v})) ${report(p, JSON.stringify(expectedText(type)), v)};`,
        `${pad}else for (let ${i} = 0; ${i} < ${v}.length; ${i}++) {`,
        `${pad}  const ${item}: any = ${v}[${i}];`,
        ...checks(type.items, item, `${joinPath(p, "[")} + ${i} + "]"`, emitter, `${pad}  `),
        `${pad}}`,
      ];
    }
    case "object":
      return objectChecks(type.properties, v, p, emitter, pad);
    case "union":
      return unionChecks(type.members, v, p, emitter, pad);
    default:
      return [`${pad}if (!(${test(type, v)})) ${report(p, JSON.stringify(expectedText(type)), v)};`];
  }
}

/** Checks an object: its type, each property (absent allowed when optional) and unknown keys. */
function objectChecks(
  properties: readonly PropertyIR[],
  v: string,
  p: string,
  emitter: Emitter,
  pad: string,
): string[] {
  const o = `o${emitter.next++}`;
  const lines = [
    `${pad}if (typeof ${v} !== "object" || ${v} === null || Array.isArray(${v})) ${report(p, '"object"', v)};`,
    `${pad}else {`,
    `${pad}  const ${o}: any = ${v};`,
  ];
  for (const property of properties) {
    const value = `v${emitter.next++}`;
    const path = joinPath(p, accessor(property.name));
    lines.push(`${pad}  const ${value}: any = ${o}[${JSON.stringify(property.name)}];`);
    const inner = checks(property.type, value, path, emitter, `${pad}    `);
    if (property.optional) {
      lines.push(`${pad}  if (${value} !== undefined) {`, ...inner, `${pad}  }`);
    } else {
      lines.push(...inner.map((line) => line.slice(2)));
    }
  }
  const k = `k${emitter.next++}`;
  const known = properties.map((q) => `case ${JSON.stringify(q.name)}:`).join(" ");
  lines.push(
    `${pad}  for (const ${k} in ${o}) {`,
    known
      ? `${pad}    switch (${k}) { ${known} break; default: ${report(`${p} + _accessKey(${k})`, '"undefined"', `${o}[${k}]`)}; }`
      : `${pad}    ${report(`${p} + _accessKey(${k})`, '"undefined"', `${o}[${k}]`)};`,
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
  const anyMatches = members.map((m) => isExpression(m, v, emitter)).join(" || ");
  const objects = members.filter((m) => m.kind === "object");
  const arrays = members.filter((m) => m.kind === "array");
  const lines = [`${pad}if (!(${anyMatches})) {`];
  const expected = JSON.stringify(expectedText({ kind: "union", members: [...members] }));
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

/** A boolean expression: does `v` have this type? Used inside unions. */
function isExpression(type: TypeIR, v: string, emitter: Emitter): string {
  switch (type.kind) {
    case "array": {
      const x = `x${emitter.next++}`;
      return `(Array.isArray(${v}) && ${v}.every((${x}: any) => ${isExpression(type.items, x, emitter)}))`;
    }
    case "object": {
      const known = type.properties.map((q) => JSON.stringify(q.name));
      const propertyTests = type.properties.map((q) => {
        const access = `${v}[${JSON.stringify(q.name)}]`;
        const inner = isExpression(q.type, access, emitter);
        return q.optional ? `(${access} === undefined || ${inner})` : inner;
      });
      const keyTest = `Object.keys(${v}).every((k: string) => [${known.join(", ")}].includes(k))`;
      return `(typeof ${v} === "object" && ${v} !== null && !Array.isArray(${v}) && ${[...propertyTests, keyTest].join(" && ")})`;
    }
    case "union":
      return `(${type.members.map((m) => isExpression(m, v, emitter)).join(" || ")})`;
    default:
      return test(type, v);
  }
}

/** The test of a scalar type. */
function test(type: TypeIR, v: string): string {
  switch (type.kind) {
    case "string":
      return stringTest(type, v);
    case "number":
      return numberTest(type, v);
    case "boolean":
      return `typeof ${v} === "boolean"`;
    case "null":
      return `${v} === null`;
    case "literal":
      return `${v} === ${JSON.stringify(type.value)}`;
    default:
      throw new Error(`typecall internal error: ${type.kind} is not a scalar type`);
  }
}

function stringTest(type: Extract<TypeIR, { kind: "string" }>, v: string): string {
  const parts = [`typeof ${v} === "string"`];
  if (type.minLength !== undefined) parts.push(`${v}.length >= ${type.minLength}`);
  if (type.maxLength !== undefined) parts.push(`${v}.length <= ${type.maxLength}`);
  if (type.pattern !== undefined) parts.push(`new RegExp(${JSON.stringify(type.pattern)}, "u").test(${v})`);
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
  if (type.multipleOf !== undefined) parts.push(`${v} % ${type.multipleOf} === 0`);
  return parts.join(" && ");
}

/** How the expected type reads in an error: `string`, `integer`, `"c" | "f"`, `Array<string>`, `object`. */
export function expectedText(type: TypeIR): string {
  switch (type.kind) {
    case "number":
      return type.integer ? "integer" : "number";
    case "literal":
      return JSON.stringify(type.value);
    case "array":
      return `Array<${expectedText(type.items)}>`;
    case "union":
      return type.members.map(expectedText).join(" | ");
    default:
      return type.kind;
  }
}

/** The statement that records one failure; the list is only allocated when something fails. */
function report(path: string, expected: string, value: string): string {
  return `(e ??= []).push({ path: ${path}, expected: ${expected}, value: ${value} })`;
}

/** Appends a constant to a path expression, folding it into a string literal when it is one. */
function joinPath(path: string, suffix: string): string {
  if (/^"(?:[^"\\]|\\.)*"$/.test(path)) return JSON.stringify((JSON.parse(path) as string) + suffix);
  return `${path} + ${JSON.stringify(suffix)}`;
}

/** `.city` or `["my key"]`: how a key extends a path, as in JavaScript. */
function accessor(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}
