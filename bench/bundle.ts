/**
 * The 200-tool corpus of (b) as an app would ship it: its generated modules, and the esbuild bundles
 * that (e) starts cold and (f) weighs. Everything is written under `bench/.out/bundle/`.
 */
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { build, type Plugin } from "esbuild";
import type { DialectName } from "../packages/typecall/src/index.ts";
import { writeCorpus } from "./corpus.ts";

/** The corpus's generated modules and the entry that re-exports their toolsets. */
export interface GeneratedCorpus {
  /** The entry: `export { toolset as toolset0 } from "./module0.typecall.ts"`, one line per module. */
  entry: string;
  /** The names the entry exports, one toolset each, in module order. */
  exports: string[];
  /** How many tools the modules hold together. */
  tools: number;
}

/**
 * Writes the corpus of (b) (`files` modules of `perFile` tools) under `dir`, generates its modules
 * with typecall's public `generate` and `writeFiles` (every dialect, unless `dialects` says), and
 * writes an entry exporting every toolset. Loads the compiler.
 */
export async function generateCorpus(
  dir: string,
  options: { files?: number; perFile?: number; dialects?: readonly DialectName[] } = {},
): Promise<GeneratedCorpus> {
  const { files = 20, perFile = 10, dialects } = options;
  const { generate, writeFiles } = await import("../packages/typecall/src/index.ts");
  const entries = writeCorpus(dir, files, perFile);
  const result = generate({ entries, ...(dialects && { dialects }) });
  if (result.files.length !== files || result.diagnostics.some((d) => d.severity === "error"))
    throw new Error(`the corpus did not generate: ${result.diagnostics.map((d) => d.message).join("; ")}`);
  writeFiles(result.files);
  const exports = result.files.map((_, i) => `toolset${i}`);
  const lines = result.files.map(
    (file, i) => `export { toolset as ${exports[i]} } from "./${basename(file.path)}";`,
  );
  const entry = join(dir, "index.ts");
  writeFileSync(entry, `${lines.join("\n")}\n`);
  const tools = result.toolsets.reduce((sum, toolset) => sum + toolset.tools.length, 0);
  return { entry, exports, tools };
}

/**
 * Marks the tool modules the generated modules import (`./module0.ts`) as external, so that a bundle
 * holds only the generated code and not the functions it calls.
 */
const toolModulesExternal: Plugin = {
  name: "tool-modules-external",
  setup(build) {
    build.onResolve({ filter: /^\./ }, (args) =>
      args.importer.endsWith(".typecall.ts") && !args.path.endsWith(".typecall.ts")
        ? { path: args.path, external: true }
        : undefined,
    );
  },
};

/**
 * Bundles `entry` with esbuild: minified ESM for Node, written to `outfile`; returns its size in
 * bytes. `only: "generated"` leaves out the runtime (`@typecall/runtime`, marked external) and the
 * tools' own modules, so that the bytes are the generated code's alone; `only: "all"` resolves the
 * runtime to its published `dist` (checked) and bundles everything, as an app would ship it.
 */
export async function bundleCorpus(
  entry: string,
  outfile: string,
  only: "all" | "generated",
): Promise<number> {
  mkdirSync(join(outfile, ".."), { recursive: true });
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    minify: true,
    format: "esm",
    platform: "node",
    logLevel: "silent",
    metafile: true,
    ...(only === "generated"
      ? { external: ["@typecall/runtime", "@typecall/runtime/*"], plugins: [toolModulesExternal] }
      : {}),
  });
  const inputs = Object.keys(result.metafile.inputs);
  const runtime = inputs.filter((path) => path.includes("packages/runtime/"));
  if (only === "all" && (runtime.length === 0 || runtime.some((path) => !path.includes("/dist/"))))
    throw new Error(`the runtime was not bundled from its dist: ${runtime.join(", ")}`);
  // Metafile paths are relative to the working directory; the entry is absolute.
  const stray = inputs.filter((path) => !path.endsWith(".typecall.ts") && !entry.endsWith(path));
  if (only === "generated" && stray.length > 0)
    throw new Error(`the generated-code bundle holds more than the generated code: ${stray.join(", ")}`);
  return statSync(outfile).size;
}
