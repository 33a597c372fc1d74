/**
 * The bundler plugin in real builds, one per bundler: a small app with one tool module, built with
 * `typecall/<bundler>`, then run with node, which dispatches a call through the toolset. Some
 * import the generated file (which the plugin writes at build start), the others `./weather.ts?tools`
 * (made in memory). Errors fail the build.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { rspack } from "@rspack/core";
import {
  type BuildOptions,
  type Plugin as EsbuildPlugin,
  build as esbuild,
  context as esbuildContext,
  type PluginBuild,
} from "esbuild";
import { type RolldownPlugin, type RolldownWatcher, rolldown, watch as rolldownWatch } from "rolldown";
import { type Plugin, rollup, watch } from "rollup";
import typecallEsbuild from "typecall/esbuild";
import typecallRolldown from "typecall/rolldown";
import typecallRollup from "typecall/rollup";
import typecallRspack from "typecall/rspack";
import typecallVite from "typecall/vite";
import typecallWebpack from "typecall/webpack";
import { build as viteBuild } from "vite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import webpack from "webpack";
import { createPluginProject, FIXTURE, type PluginProject, SOURCE_CONDITIONS } from "./plugin-project.ts";

let project: PluginProject;
beforeEach(() => {
  project = createPluginProject();
});
afterEach(() => project.remove());

const DESCRIPTION = "Current weather for a city.";
const BROKEN = `/** Calls back. */\nexport function later(done: () => void): void {\n  done();\n}\n`;

function expectOutcome(file: string): void {
  const printed = project.runBuilt(file);
  expect(printed.ok).toBe(true);
  expect(printed.content).toBe("Paris: 21°C");
  expect(printed.description).toBe(DESCRIPTION);
}

/** rspack's own transform of TypeScript. */
const RSPACK_TYPESCRIPT = {
  test: /\.ts$/,
  loader: "builtin:swc-loader",
  options: { jsc: { parser: { syntax: "typescript" } } },
  type: "javascript/auto",
};

/** For rollup, which reads neither TypeScript nor packages by itself: esbuild's transform, the runtime's source. */
function rollupTypescript(): Plugin {
  return {
    name: "test-typescript",
    resolveId(id) {
      const subpath = /^@typecall\/runtime(?:\/(\w+))?$/.exec(id);
      if (subpath === null) return null;
      return project.path(`node_modules/@typecall/runtime/src/${subpath[1] ?? "index"}.ts`);
    },
    async transform(code, id) {
      if (!id.endsWith(".ts")) return null;
      const { transform } = await import("esbuild");
      return (await transform(code, { loader: "ts", sourcefile: id })).code;
    },
  };
}

/** webpack's TypeScript rule: the fixture's loader (esbuild's transform). */
const WEBPACK_TYPESCRIPT = { test: /\.ts$/, loader: join(FIXTURE, "ts-loader.cjs") };

/** webpack's or rspack's options for a node app of the project's `entry`, in dist/app.cjs. */
function nodeApp<Rule, Plugin>(entry: string, rule: Rule, plugin: Plugin) {
  return {
    context: project.dir,
    mode: "none" as const,
    target: "node" as const,
    entry: `./${entry}`,
    output: { path: project.path("dist"), filename: "app.cjs" },
    resolve: { conditionNames: SOURCE_CONDITIONS },
    module: { rules: [rule] },
    plugins: [plugin],
  };
}

/** esbuild's options for a node script of the project's `entry`, in dist/script.mjs. */
function nodeScript(entry: string, ...plugins: EsbuildPlugin[]): BuildOptions {
  return {
    entryPoints: [project.path(entry)],
    bundle: true,
    platform: "node",
    format: "esm",
    conditions: ["@typecall/source"],
    outfile: project.path("dist/script.mjs"),
    logLevel: "silent",
    absWorkingDir: project.dir,
    plugins,
  };
}

/** rolldown's options for a node build of the project's `input`. */
function rolldownBuild(input: string, plugin: RolldownPlugin) {
  return {
    input: project.path(input),
    platform: "node" as const,
    resolve: { conditionNames: SOURCE_CONDITIONS },
    plugins: [plugin],
  };
}

describe("builds", () => {
  it("vite: an app over `?tools`", async () => {
    await viteBuild({
      root: project.dir,
      configFile: false,
      logLevel: "silent",
      plugins: [typecallVite({ entries: ["weather.ts"] })],
      resolve: { conditions: SOURCE_CONDITIONS },
      build: {
        lib: { entry: "main-virtual.ts", formats: ["es"], fileName: () => "app.mjs" },
        outDir: "dist",
        minify: false,
      },
    });
    expect(existsSync(project.path("weather.typecall.ts"))).toBe(true);
    expectOutcome("dist/app.mjs");
  });

  it("vite: the entries and options of typecall.config.ts, with no plugin options", async () => {
    project.write(
      "typecall.config.ts",
      'import { defineConfig } from "typecall";\n\nexport default defineConfig({ entries: ["weather.ts"], dialects: ["openai"] });\n',
    );
    await viteBuild({
      root: project.dir,
      configFile: false,
      logLevel: "silent",
      plugins: [typecallVite()],
      resolve: { conditions: SOURCE_CONDITIONS },
      build: {
        lib: { entry: "main.ts", formats: ["es"], fileName: () => "app.mjs" },
        outDir: "dist",
        minify: false,
      },
    });
    const generated = project.read("weather.typecall.ts");
    expect(generated).not.toContain('"gemini"');
    expectOutcome("dist/app.mjs");
  });

  it("rollup: a library over `?tools`", async () => {
    const bundle = await rollup({
      input: project.path("main-virtual.ts"),
      plugins: [typecallRollup(), rollupTypescript()],
    });
    await bundle.write({ dir: project.path("dist"), entryFileNames: "lib.mjs", format: "es" });
    await bundle.close();
    expect(existsSync(project.path("weather.typecall.ts"))).toBe(false);
    expectOutcome("dist/lib.mjs");
  });

  it("rollup: a library over the generated file, written at build start", async () => {
    const bundle = await rollup({
      input: project.path("main.ts"),
      plugins: [typecallRollup({ entries: [project.path("weather.ts")] }), rollupTypescript()],
    });
    await bundle.write({ dir: project.path("dist"), entryFileNames: "lib.mjs", format: "es" });
    await bundle.close();
    expect(project.read("weather.typecall.ts")).toContain(DESCRIPTION);
    expectOutcome("dist/lib.mjs");
  });

  it("esbuild: a script over `?tools`", async () => {
    await esbuild(nodeScript("main-virtual.ts", typecallEsbuild({ entries: [] })));
    expectOutcome("dist/script.mjs");
  });

  it("rolldown: a build over `?tools`", async () => {
    const bundle = await rolldown(
      rolldownBuild("main-virtual.ts", typecallRolldown({ entries: [project.path("weather.ts")] })),
    );
    await bundle.write({ dir: project.path("dist"), entryFileNames: "out.mjs", format: "es" });
    await bundle.close();
    expectOutcome("dist/out.mjs");
  });

  it("webpack: an app over `?tools`", async () => {
    await compile(
      webpack(nodeApp("main-virtual.ts", WEBPACK_TYPESCRIPT, typecallWebpack({ entries: ["weather.ts"] }))),
    );
    expectOutcome("dist/app.cjs");
  });

  it.each(["main.ts", "main-virtual.ts"])("rspack: an app over %s", async (entry) => {
    await compile(rspack(nodeApp(entry, RSPACK_TYPESCRIPT, typecallRspack({ entries: ["weather.ts"] }))));
    expectOutcome("dist/app.cjs");
  });
});

describe("watch", () => {
  it.each(WATCHED)(
    "%s: an edit of a type the tool imports (no module of the bundle) rebuilds it",
    async (bundler) => {
      const watching = await startWatching(bundler, "main.ts", ["weather.ts"]);
      try {
        await expectRebuiltAfterEdit(watching.output, watching.failures);
      } finally {
        await watching.close();
      }
    },
  );

  it("vite build --watch: an edit of a type the tool imports rebuilds the app over `?tools`", async () => {
    const watcher = (await viteBuild({
      root: project.dir,
      configFile: false,
      logLevel: "silent",
      plugins: [typecallVite({ entries: ["weather.ts"] })],
      resolve: { conditions: SOURCE_CONDITIONS },
      build: {
        lib: { entry: "main-virtual.ts", formats: ["es"], fileName: () => "app.mjs" },
        outDir: "dist",
        minify: false,
        watch: {},
      },
    })) as RolldownWatcher;
    const errors = watchErrors(watcher);
    try {
      await expectRebuiltAfterEdit("dist/app.mjs", errors);
    } finally {
      await watcher.close();
    }
  });

  describe("a module added where the entries' pattern matches is generated", () => {
    const TOOL = (name: string) =>
      `/** ${name}s. */\nexport function ${name}(text: string): string {\n  return text;\n}\n`;

    it.each(WATCHED)("%s", async (bundler) => {
      // tools/a.ts is the pattern's first match; the app imports its generated file.
      mkdirSync(project.path("tools"));
      project.write("tools/a.ts", TOOL("shout"));
      project.write(
        "app-tools.ts",
        'import { toolset } from "./tools/a.typecall.ts";\nconsole.log(toolset.names);\n',
      );
      const watching = await startWatching(bundler, "app-tools.ts", ["tools/*.ts"]);
      try {
        await eventually(() => expect(existsSync(project.path("tools/a.typecall.ts"))).toBe(true));
        // Written again until seen: a watcher may start watching the folder after the first build.
        await eventually(() => {
          project.write("tools/b.ts", TOOL("whisper"));
          expect(project.read("tools/b.typecall.ts")).toContain('name: "whisper"');
        });
        expect(watching.failures).toEqual([]);
      } finally {
        await watching.close();
      }
    });
  });
});

describe("diagnostics", () => {
  it("an error fails a rollup build, with the code frame", async () => {
    project.write("weather.ts", BROKEN);
    const building = rollup({
      input: project.path("main.ts"),
      plugins: [typecallRollup({ entries: [project.path("weather.ts")] }), rollupTypescript()],
    });
    await expect(building).rejects.toThrow(/typecall: 1 error[\s\S]*weather\.ts:2:\d+ - error TC\d+/);
  });

  it("a warning is rollup's warning, and the build goes on", async () => {
    project.write("weather.ts", project.read("weather.ts").replace("city: string", "city: any"));
    const warnings: string[] = [];
    const bundle = await rollup({
      input: project.path("main.ts"),
      plugins: [typecallRollup({ entries: [project.path("weather.ts")] }), rollupTypescript()],
      onwarn: (warning) => void warnings.push(warning.message),
    });
    await bundle.close();
    expect(warnings.some((w) => /warning TC2006/.test(w))).toBe(true);
  });

  it("an error fails a vite build", async () => {
    project.write("weather.ts", BROKEN);
    const building = viteBuild({
      root: project.dir,
      configFile: false,
      logLevel: "silent",
      plugins: [typecallVite({ entries: ["weather.ts"] })],
      build: { lib: { entry: "units.ts", formats: ["es"] }, write: false },
    });
    await expect(building).rejects.toThrow(/weather\.ts:2:\d+ - error TC\d+/);
  });

  it("an error fails an rspack build", async () => {
    project.write("weather.ts", BROKEN);
    const compiler = rspack(
      nodeApp("units.ts", RSPACK_TYPESCRIPT, typecallRspack({ entries: ["weather.ts"] })),
    );
    await expect(compile(compiler)).rejects.toThrow(/error TC\d+/);
  });

  it("an error fails an esbuild build", async () => {
    project.write("weather.ts", BROKEN);
    const building = esbuild({
      ...nodeScript("main.ts", typecallEsbuild({ entries: ["weather.ts"] })),
      write: false,
    });
    await expect(building).rejects.toThrow(/error TC\d+/);
    // esbuild prints the line under its location: the line itself, not an empty one.
    const failure = (await building.catch((error: unknown) => error)) as {
      errors: { text: string; location: { line: number; lineText: string } | null }[];
    };
    expect(failure.errors.find((e) => /error TC2002/.test(e.text))?.location).toMatchObject({
      line: 2,
      lineText: expect.stringContaining("done: () => void"),
    });
  });

  it("a wrong option fails a rolldown build with its message, without the plugin's stack trace", async () => {
    const building = rolldown({
      input: project.path("units.ts"),
      plugins: [typecallRolldown({ entries: ["weather.ts"], dialect: ["openai"] } as never)],
    }).then((bundle) => bundle.generate({ format: "es" }));
    const error = (await building.catch((failure: unknown) => failure)) as Error;
    expect(error.message).toMatch(/unknown key "dialect"; did you mean "dialects"\?/);
    // rolldown adds its own frames; none of the plugin's follow the message.
    expect(String(error.stack)).not.toMatch(/at .*plugin[\\/](options|index|context)\./);
  });

  it("a wrong option fails an esbuild build once, not again at each generated file it loads", async () => {
    // A first build writes weather.typecall.ts, which main.ts imports.
    await esbuild({ ...nodeScript("main.ts", typecallEsbuild({ entries: ["weather.ts"] })), write: false });
    const wrong = typecallEsbuild({ entries: ["weather.ts"], dialect: ["openai"] } as never);
    const failure = (await esbuild({ ...nodeScript("main.ts", wrong), write: false }).catch(
      (error: unknown) => error,
    )) as { errors: { text: string }[] };
    expect(failure.errors.map((e) => e.text)).toEqual([expect.stringMatching(/unknown key "dialect"/)]);
  });

  it("an error of a `?tools` module fails an esbuild build with its text", async () => {
    project.write("weather.ts", BROKEN);
    const building = esbuild({ ...nodeScript("main-virtual.ts", typecallEsbuild()), write: false });
    // Not esbuild's "Do not know how to load path": the diagnostic itself.
    await expect(building).rejects.toThrow(/weather\.ts:2:\d+ - error TC2002/);
  });

  it("a warning of a `?tools` module is rollup's warning", async () => {
    project.write("weather.ts", project.read("weather.ts").replace("city: string", "city: any"));
    const warnings: string[] = [];
    const bundle = await rollup({
      input: project.path("main-virtual.ts"),
      plugins: [typecallRollup(), rollupTypescript()],
      onwarn: (warning) => void warnings.push(warning.message),
    });
    await bundle.close();
    expect(warnings.some((w) => /weather\.ts:\d+:\d+ - warning TC2006/.test(w))).toBe(true);
  });

  it("an error of a `?tools` module fails a webpack build, and the module throws it if emitted", async () => {
    project.write("weather.ts", BROKEN);
    const compiler = webpack(nodeApp("main-virtual.ts", WEBPACK_TYPESCRIPT, typecallWebpack()));
    await expect(compile(compiler)).rejects.toThrow(/error TC2002/);
    // Outside production mode webpack emits on errors: what runs says why, not "undefined".
    expect(existsSync(project.path("dist/app.cjs"))).toBe(true);
    expect(() => project.runBuilt("dist/app.cjs")).toThrow(/error TC2002/);
  });

  it("an error fails a webpack build", async () => {
    project.write("weather.ts", BROKEN);
    const compiler = webpack(
      nodeApp("units.ts", WEBPACK_TYPESCRIPT, typecallWebpack({ entries: ["weather.ts"] })),
    );
    await expect(compile(compiler)).rejects.toThrow(/error TC\d+/);
  });
});

/**
 * Waits for a watch build's `file` with the type's comment, edits the type (in units.ts, which
 * the tool imports: no module of the bundle), waits for the rebuild to carry the edit, and runs
 * it. `failures`: what the watcher reported as failed meanwhile.
 */
async function expectRebuiltAfterEdit(file: string, failures: readonly unknown[]): Promise<void> {
  await eventually(() => expect(project.read(file)).toContain("A temperature unit."));
  project.write("units.ts", project.read("units.ts").replace("A temperature unit.", "A unit of heat."));
  await eventually(() => expect(project.read(file)).toContain("A unit of heat."));
  expect(failures).toEqual([]);
  expectOutcome(file);
}

/** The bundlers whose watch mode the tests start the same way (vite's, over its build, apart). */
const WATCHED = ["rollup", "rolldown", "esbuild", "webpack", "rspack"] as const;

/** A bundler in watch mode: the file it builds (in the project), what it reported as failed. */
interface Watching {
  readonly output: string;
  readonly failures: readonly unknown[];
  close(): Promise<void>;
}

/**
 * Starts `bundler` watching a build of the project's `input`, the plugin over `entries` (relative
 * to the project; made absolute for rollup and rolldown, which start at the working directory).
 * esbuild's watch is started only once its first build ended: its watcher takes a folder's
 * listing as that build found it.
 */
async function startWatching(
  bundler: (typeof WATCHED)[number],
  input: string,
  entries: readonly string[],
): Promise<Watching> {
  const absolute = entries.map((entry) => project.path(entry));
  switch (bundler) {
    case "rollup": {
      const watcher = watch({
        input: project.path(input),
        plugins: [typecallRollup({ entries: absolute }), rollupTypescript()],
        output: { dir: project.path("dist"), entryFileNames: "lib.mjs", format: "es" },
      });
      const failures = watchErrors(watcher as unknown as RolldownWatcher);
      return { output: "dist/lib.mjs", failures, close: () => watcher.close() };
    }
    case "rolldown": {
      const watcher = rolldownWatch({
        ...rolldownBuild(input, typecallRolldown({ entries: absolute })),
        output: { dir: project.path("dist"), entryFileNames: "out.mjs", format: "es" },
      });
      return { output: "dist/out.mjs", failures: watchErrors(watcher), close: () => watcher.close() };
    }
    case "esbuild": {
      let ended: () => void = () => {};
      const firstBuild = new Promise<void>((resolve) => {
        ended = resolve;
      });
      const onEnd = { name: "test-ended", setup: (build: PluginBuild) => build.onEnd(() => ended()) };
      const context = await esbuildContext(nodeScript(input, typecallEsbuild({ entries }), onEnd));
      await context.watch();
      await firstBuild;
      return { output: "dist/script.mjs", failures: [], close: () => context.dispose() };
    }
    case "webpack":
      return {
        output: "dist/app.cjs",
        ...watchCompiler(webpack(nodeApp(input, WEBPACK_TYPESCRIPT, typecallWebpack({ entries })))),
      };
    case "rspack":
      return {
        output: "dist/app.cjs",
        ...watchCompiler(rspack(nodeApp(input, RSPACK_TYPESCRIPT, typecallRspack({ entries })))),
      };
  }
}

/** The errors a rolldown (or vite) watcher reports, as it reports them; each bundle is closed. */
function watchErrors(watcher: RolldownWatcher): unknown[] {
  const errors: unknown[] = [];
  watcher.on("event", (event) => {
    if (event.code === "ERROR") errors.push(event.error);
    if (event.code === "BUNDLE_END") void event.result.close();
  });
  return errors;
}

/** Retries `check` until it passes (10 s at most): watchers take a moment. */
async function eventually(check: () => void): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      return check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

interface Compiler {
  run(
    callback: (
      error: Error | null,
      stats?: { hasErrors(): boolean; toString(options: unknown): string },
    ) => void,
  ): void;
  close(callback: (error?: Error | null) => void): void;
}

interface WatchingCompiler {
  watch(
    options: { aggregateTimeout: number },
    callback: (
      error: Error | null,
      stats?: { hasErrors(): boolean; toString(options: unknown): string },
    ) => void,
  ): { close(callback: () => void): void } | undefined;
}

/** A webpack or rspack compiler in watch mode, with the failures of its builds. */
function watchCompiler(compiler: WatchingCompiler): { failures: string[]; close(): Promise<void> } {
  const failures: string[] = [];
  const watching = compiler.watch({ aggregateTimeout: 20 }, (error, stats) => {
    if (error || stats?.hasErrors()) failures.push(String(error ?? stats?.toString("errors-only")));
  });
  return {
    failures,
    close: () => new Promise((resolve) => (watching ? watching.close(() => resolve()) : resolve())),
  };
}

/** Runs a webpack or rspack compiler once; rejects with the build's errors. */
function compile(compiler: Compiler): Promise<void> {
  return new Promise((resolve, reject) => {
    compiler.run((error, stats) => {
      compiler.close(() => {
        if (error) reject(error);
        else if (stats?.hasErrors()) reject(new Error(stats.toString({ all: false, errors: true })));
        else resolve();
      });
    });
  });
}
