/** What dispatch knows of sensitive values (`@sensitive`) before it loads the redaction code. */

/** What a masked value reads as. */
export const REDACTED = "[redacted]";

/** A path of property names, `*` for every item or value (see `ToolDefinition.sensitive`). */
export type SensitivePath = readonly string[];

/** Whether a tool's calls may hold sensitive values (`@sensitive` in its arguments or its result). */
export function hasSensitive(tool: {
  readonly sensitive?: readonly SensitivePath[] | undefined;
  readonly sensitiveResult?: readonly SensitivePath[] | undefined;
}): boolean {
  return tool.sensitive !== undefined || tool.sensitiveResult !== undefined;
}
