import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import type { ToolsetIR } from "../ir/types.ts";

/** OpenAI's (and Anthropic's) rule for function names. */
const TOOL_NAME = /^[A-Za-z0-9_-]{1,64}$/;
/** OpenAI rejects longer function descriptions. */
const MAX_DESCRIPTION = 1024;

/**
 * Provider rules checked at build time so they never surface as a 400 at request time:
 * tool names, description length, and duplicate names within a toolset.
 */
export function checkProviderLimits(toolset: ToolsetIR): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const seen = new Map<string, string>();
  for (const tool of toolset.tools) {
    const at = { location: tool.location, path: [tool.name] };
    if (!TOOL_NAME.test(tool.name)) {
      diagnostics.push(
        createDiagnostic(
          "TC3001",
          `Tool name "${tool.name}" does not match ${TOOL_NAME.source} (OpenAI).`,
          at,
        ),
      );
    }
    if (tool.description.length > MAX_DESCRIPTION) {
      const message = `The description of "${tool.name}" has ${tool.description.length} characters; OpenAI accepts ${MAX_DESCRIPTION}.`;
      diagnostics.push(createDiagnostic("TC3002", message, at));
    }
    const first = seen.get(tool.name);
    if (first !== undefined) {
      const message = `Tool name "${tool.name}" is used by both "${first}" and "${tool.exportName}".`;
      diagnostics.push(createDiagnostic("TC1006", message, at));
    } else {
      seen.set(tool.name, tool.exportName);
    }
  }
  return diagnostics;
}
