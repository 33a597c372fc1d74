#!/usr/bin/env node
import { setFlagsFromString } from "node:v8";
import { CLI_V8_FLAGS } from "./v8-flags.ts";

// Before the compiler is loaded. Without TurboFan, bench (c) measures about a third less CPU and
// less wall time, and ten times its corpus still takes less. The library API (`generate`) leaves
// its host's flags alone. The bundle (dist/cli.js) keeps this order: esbuild turns the dynamic
// import below into a lazy initialiser, so TypeScript is still required after the flags are set.
setFlagsFromString(CLI_V8_FLAGS);
const { runCli } = await import("./cli.ts");
process.exitCode = await runCli(process.argv.slice(2));
