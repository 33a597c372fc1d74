import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { CompilerHost, Diagnostic, Node, Program, SourceFile, TransformerFactory } from "typescript";
import type { AnalysisProgram } from "../analyze/index.ts";
import { wireTypeText } from "../emit/wire-type.ts";
import type { TypeIR } from "../ir/types.ts";
import { ts } from "../typescript.ts";
import type { ValidatorEngine, ValidatorOutput, ValidatorRequest } from "./engine.ts";

/** Scratch modules live beside this file so that `import typia from "typia"` resolves to our copy. */
const SCRATCH_DIR = join(dirname(fileURLToPath(import.meta.url)), "__typecall_scratch__");
const HELPER_IMPORT = /^import \* as __typia_transform__\w+ from "typia\/lib\/internal\/_\w+(?:\.js)?";$/gm;

type TransformFactory = (
  program: Program,
  options: object,
  extras: { addDiagnostic(diagnostic: Diagnostic): number },
) => TransformerFactory<SourceFile>;

/** typia loads on first use only: the default engine does not need it. */
function loadTransform(): TransformFactory {
  const loaded = createRequire(import.meta.url)("typia/lib/transform") as { default?: TransformFactory };
  return loaded.default ?? (loaded as unknown as TransformFactory);
}

/**
 * Validators through typia, in-process: a scratch module holding `typia.validateEquals<T>` per tool
 * joins the analysis program (sharing its parsed lib files), typia's transformer rewrites it, and
 * the printed result is cut back into one expression per validator. The user never configures typia.
 * typia drives the same `typescript` package as the analysis, so its nodes are the program's own.
 */
export function createTypiaEngine(analysis: AnalysisProgram): ValidatorEngine {
  return {
    compile(requests: readonly ValidatorRequest[]): ValidatorOutput[] {
      const scratches = new Map<string, string>();
      for (const request of requests) {
        const name = `${createHash("sha1").update(request.key).digest("hex").slice(0, 12)}.ts`;
        scratches.set(join(SCRATCH_DIR, name), scratchModule(request));
      }
      const program = extendProgram(analysis, scratches);
      return [...scratches.keys()].map((file, i) =>
        splitOutput(transformAndPrint(program, file), requests[i]?.tools.length ?? 0),
      );
    },
  };
}

/**
 * The analysis program plus the scratch modules, all in one program. Files of the old program
 * are reused as they are, so lib files are neither parsed nor bound again.
 */
function extendProgram(analysis: AnalysisProgram, scratches: ReadonlyMap<string, string>): Program {
  const { program: old, options } = analysis;
  const host: CompilerHost = { ...analysis.host };
  const getSourceFile = analysis.host.getSourceFile.bind(analysis.host);
  host.getSourceFile = (file, languageVersion, ...rest) => {
    const text = scratches.get(file);
    if (text !== undefined) return ts.createSourceFile(file, text, languageVersion);
    return old.getSourceFile(file) ?? getSourceFile(file, languageVersion, ...rest);
  };
  const fileExists = analysis.host.fileExists.bind(analysis.host);
  host.fileExists = (file) => scratches.has(file) || fileExists(file);
  const rootNames = [...old.getRootFileNames(), ...scratches.keys()];
  return ts.createProgram({ rootNames, options, host, oldProgram: old });
}

function scratchModule(request: ValidatorRequest): string {
  const lines = ['import typia, { tags } from "typia";'];
  for (const [name, type] of Object.entries(request.definitions ?? {}))
    lines.push(`type ${name} = ${typiaText(type)};`);
  request.tools.forEach((parameters, i) => {
    const type = typiaText({ kind: "object", properties: [...parameters] });
    lines.push(`export const __v${i} = (input: unknown) => typia.validateEquals<${type}>(input);`);
  });
  return `${lines.join("\n")}\n`;
}

/** The wire type in TypeScript, with every constraint as a typia tag, so typia checks what we check. */
function typiaText(type: TypeIR): string {
  switch (type.kind) {
    case "string":
      return tagged("string", [
        ["Format", type.format],
        ["MinLength", type.minLength],
        ["MaxLength", type.maxLength],
        ["Pattern", type.pattern],
      ]);
    case "number":
      return tagged(type.integer ? 'number & tags.Type<"int64">' : "number", [
        ["Minimum", type.minimum],
        ["Maximum", type.maximum],
        ["ExclusiveMinimum", type.exclusiveMinimum],
        ["ExclusiveMaximum", type.exclusiveMaximum],
        ["MultipleOf", type.multipleOf],
      ]);
    case "array":
      return tagged(`Array<${typiaText(type.items)}>`, [
        ["MinItems", type.minItems],
        ["MaxItems", type.maxItems],
        ["UniqueItems", type.uniqueItems ? true : undefined],
      ]);
    case "tuple": {
      const required = type.minItems ?? type.items.length;
      const items = type.items.map((item, i) =>
        i < required
          ? typiaText(item)
          : `${item.kind === "union" ? `(${typiaText(item)})` : typiaText(item)}?`,
      );
      if (type.rest) items.push(`...Array<${typiaText(type.rest)}>`);
      return `[${items.join(", ")}]`;
    }
    case "union":
      return type.members.map((m) => `(${typiaText(m)})`).join(" | ");
    case "object": {
      const members = type.properties.map(
        (p) => `${JSON.stringify(p.name)}${p.optional ? "?" : ""}: ${typiaText(p.type)}`,
      );
      const object = `{ ${members.join("; ")} }`;
      if (!type.additional) return object;
      const record = `Record<string, ${typiaText(type.additional)}>`;
      return type.properties.length === 0 ? record : `${object} & ${record}`;
    }
    default:
      return wireTypeText(type);
  }
}

function tagged(base: string, tags: [string, string | number | boolean | undefined][]): string {
  const parts = tags
    .filter(([, value]) => value !== undefined)
    .map(([tag, value]) => (value === true ? `tags.${tag}` : `tags.${tag}<${JSON.stringify(value)}>`));
  return parts.length === 0 ? base : `(${[base, ...parts].join(" & ")})`;
}

function transformAndPrint(program: Program, file: string): string {
  const sourceFile = program.getSourceFile(file);
  if (!sourceFile) throw new Error(`typecall internal error: scratch module ${file} is not in the program`);
  const problems: Diagnostic[] = [];
  const factory = loadTransform()(program, {}, { addDiagnostic: (d) => problems.push(d) });
  const result = ts.transform(sourceFile, [factory, eraseTypiaTypes], program.getCompilerOptions());
  try {
    if (problems.length > 0) {
      const text = problems.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")).join("\n");
      throw new Error(`typecall internal error: typia rejected a wire type:\n${text}`);
    }
    const [transformed] = result.transformed;
    return ts.createPrinter({ newLine: ts.NewLineKind.LineFeed }).printFile(transformed as SourceFile);
  } finally {
    result.dispose();
  }
}

/**
 * typia annotates its output with `import("typia").IValidation<T>`; the generated module must not
 * need typia at all, so such type references become `any` (the runtime types the result instead).
 */
const eraseTypiaTypes: TransformerFactory<SourceFile> = (context) => {
  const visit = (node: Node): Node => {
    if (ts.isImportTypeNode(node)) return context.factory.createKeywordTypeNode(ts.SyntaxKind.AnyKeyword);
    return ts.visitEachChild(node, visit, context);
  };
  return (sourceFile) => ts.visitEachChild(sourceFile, visit, context);
};

/** Cuts the printed module into validator expressions and rewrites typia's helper imports. */
function splitOutput(printed: string, count: number): ValidatorOutput {
  // typia's helpers stay imported from typia: this engine is a cross-check, its modules need typia.
  const imports = new Set<string>();
  const code = printed.replace(HELPER_IMPORT, (line: string) => {
    imports.add(line);
    return "";
  });
  const validators: string[] = [];
  for (let i = 0; i < count; i++) {
    const start = code.indexOf(`export const __v${i} = `);
    const end = i + 1 < count ? code.indexOf(`export const __v${i + 1} = `) : code.length;
    if (start < 0 || end < 0)
      throw new Error(`typecall internal error: validator ${i} missing from typia output`);
    const body = code.slice(start + `export const __v${i} = `.length, end).trim();
    validators.push(hoistClosure(body.replace(/;$/, "")));
  }
  return { validators, helpers: [], imports: [...imports].sort() };
}

const CALL_PREFIX = "(input: unknown) => (() => {";
const CALL_SUFFIX = "})()(input)";

/**
 * `(input) => (() => { ...; return validate; })()(input)` rebuilds typia's closures on every call;
 * `(() => { ...; return validate; })()` builds them once. typia's paths start at `$input`; the
 * runtime shows final paths (`guests[0].email`, `$` for the arguments object), so they are
 * rewritten here. Expected types stay typia's own text: this engine is the cross-check.
 */
function hoistClosure(expression: string): string {
  if (!expression.startsWith(CALL_PREFIX) || !expression.endsWith(CALL_SUFFIX)) {
    throw new Error("typecall internal error: unexpected shape of typia's validator output");
  }
  const validate = `(() => {${expression.slice(CALL_PREFIX.length, -CALL_SUFFIX.length)}})()`;
  return [
    "((validate: (input: unknown) => any) => (input: unknown) => {",
    "  const result = validate(input);",
    "  if (result.success) return result;",
    '  const path = (p: string) => (p === "$input" ? "$" : p.replace(/^\\$input\\.?/, ""));',
    "  return { success: false as const, errors: result.errors.map((e: any) => ({ ...e, path: path(e.path) })) };",
    `})(${validate})`,
  ].join("\n");
}
