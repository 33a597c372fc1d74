/**
 * Types of `?tools` imports, for projects built with the typecall plugin: add
 * `/// <reference types="typecall/client" />` (or `"types": ["typecall/client"]` in tsconfig).
 * They are loose on purpose: the exact types (`ToolMap`, `ToolName`, `ToolArgs<N>`,
 * `ToolResult<N>`) are those of the generated `<entry>.typecall.ts`; import it when you want them.
 */
declare module "*?tools" {
  import type { Toolset, ToolTypes } from "@typecall/runtime";

  /** The toolset generated from the module's exported functions. */
  export const toolset: Toolset<Record<string, ToolTypes>, Record<string, unknown>>;
}
