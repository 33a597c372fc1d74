/**
 * The toolsets the guard runs against: the generated module of every codegen case
 * (`packages/typecall/test/cases/<case>/__output__/input.typecall.ts`), the quick start's, and any
 * extra generated module (the fuzzer adds its union tools). Each is seen through a loose interface,
 * since hostile callers do not respect the typed overloads.
 */
import { existsSync, readdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { JsonSchema } from "@typecall/runtime";

/** The repository root. */
export const ROOT: string = join(dirname(fileURLToPath(import.meta.url)), "../../../..");

/** A toolset as an untyped caller sees it: any call, any context, any options. */
export interface LooseToolset {
  readonly names: readonly string[];
  schemas(dialect: "json-schema", options?: { ctx?: unknown }): { name: string; parameters: JsonSchema }[];
  dispatch(call?: unknown, context?: unknown, options?: unknown): unknown;
  dispatchAll(calls?: unknown, context?: unknown, options?: unknown): unknown;
  with(options: { approvalSecret: string }): LooseToolset;
}

/** One tool of a subject, with the canonical schema of its arguments. */
export interface SubjectTool {
  readonly name: string;
  readonly schema: JsonSchema;
}

/** A generated toolset under test. */
export interface Subject {
  /** `basic`, `quickstart`, ...: the case folder or module name. */
  readonly label: string;
  readonly toolset: LooseToolset;
  readonly tools: readonly SubjectTool[];
}

/**
 * The context every subject's tools may ask for (the quick start's and the cases' `ToolContext`
 * data), holding every scope the guarded module's tools need, so that each of its tools is called.
 */
export const CONTEXT: {
  readonly userId: string;
  readonly roles: readonly string[];
  readonly scopes: readonly string[];
} = {
  userId: "u1",
  roles: ["admin"],
  scopes: ["tickets:write", "payments:refund"],
};

/** Paths of the generated modules: every codegen case, then the quick start. */
export function subjectPaths(): string[] {
  const cases = join(ROOT, "packages/typecall/test/cases");
  const generated = readdirSync(cases)
    .sort()
    .map((name) => join(cases, name, "__output__", "input.typecall.ts"))
    .filter((path) => existsSync(path));
  return [
    ...generated,
    join(ROOT, "examples/quickstart/src/tools.typecall.ts"),
    // Tools behind `@scope`: hostile contexts meet the guard.
    join(ROOT, "test/fixtures/guarded/tools.typecall.ts"),
  ];
}

/** Imports the generated modules at `paths` (default {@link subjectPaths}) and describes their tools. */
export async function loadSubjects(paths: readonly string[] = subjectPaths()): Promise<Subject[]> {
  const subjects: Subject[] = [];
  for (const path of paths) {
    const module = (await import(pathToFileURL(path).href)) as { toolset: LooseToolset };
    // With a secret, a tool tagged `@approval` answers with a token (without one, it is refused).
    const toolset = module.toolset.with({ approvalSecret: "the subjects' approval secret, 32+ characters" });
    const tools = toolset.schemas("json-schema", { ctx: CONTEXT }).map((tool) => ({
      name: tool.name,
      schema: tool.parameters,
    }));
    subjects.push({ label: subjectLabel(path), toolset, tools });
  }
  return subjects;
}

/** The label of the generated module at `path`: its case folder, example folder or file name. */
export function subjectLabel(path: string): string {
  const parts = relative(ROOT, path).split(/[\\/]/);
  const cases = parts.indexOf("cases");
  if (cases >= 0) return parts[cases + 1] as string;
  if (parts[0] === "examples") return parts[1] as string;
  return (parts.at(-1) as string).replace(/\.typecall\.ts$/, "");
}
