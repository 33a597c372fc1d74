/** The configuration file: its shape, `defineConfig`, and the loader the CLI (and other hosts) call. */
export { defineConfig, type TypecallConfig } from "./define.ts";
export { CONFIG_FILES, type ConfigProblems, findConfig, type LoadedConfig, loadConfig } from "./load.ts";
export { CONFIG_KEYS, configProblems } from "./validate.ts";
