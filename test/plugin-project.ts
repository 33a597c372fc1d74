/**
 * A copy of `fixtures/plugin` in a temporary folder, for the plugin's tests: without its generated
 * file (the plugin writes it), with `@typecall/runtime` linked in its `node_modules`, and a way to
 * run what a bundler built there with node.
 */
import { type ExecFileSyncOptionsWithStringEncoding, execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/** The fixture app: a tool module, an app over its generated file, one over `?tools`. */
export const FIXTURE: string = resolve(import.meta.dirname, "fixtures/plugin");
const RUNTIME = resolve(import.meta.dirname, "../packages/runtime");

/** The folder's files, and the outcome of a built app. */
export interface PluginProject {
  readonly dir: string;
  path(name: string): string;
  read(name: string): string;
  write(name: string, text: string): void;
  /** Runs a built file with node; returns what it printed, parsed. */
  runBuilt(file: string): { ok: boolean; content: string; description: string };
  remove(): void;
}

/** Copies the fixture into a new temporary folder. */
export function createPluginProject(): PluginProject {
  const dir = mkdtempSync(join(tmpdir(), "typecall-plugin-"));
  cpSync(FIXTURE, dir, { recursive: true, filter: (source) => !source.endsWith(".typecall.ts") });
  mkdirSync(join(dir, "node_modules/@typecall"), { recursive: true });
  symlinkSync(RUNTIME, join(dir, "node_modules/@typecall/runtime"), "dir");
  const path = (name: string) => join(dir, name);
  return {
    dir,
    path,
    read: (name) => readFileSync(path(name), "utf8"),
    write: (name, text) => writeFileSync(path(name), text),
    runBuilt(file) {
      // Its stderr is kept for the error a failing run throws, not printed in the test's output.
      const options: ExecFileSyncOptionsWithStringEncoding = {
        cwd: dir,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      };
      return JSON.parse(execFileSync(process.execPath, [path(file)], options));
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The conditions that resolve workspace packages to their source. */
export const SOURCE_CONDITIONS: string[] = ["@typecall/source", "import", "module", "default"];
