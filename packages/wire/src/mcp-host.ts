/**
 * A scripted MCP host: what Claude Desktop or an IDE does with an MCP server, with a {@link Model}
 * as its LLM. It lists the server's tools, asks the model, sends each turn's calls with
 * `callTool` (in parallel, as hosts do), and shows the model their text and `isError` in the next
 * {@link ModelView}. The MCP SDK's `Client` is both ends' real code here; no wire server is needed.
 */
import { argumentValue, type Model, type ModelView, type ScriptCall, type ScriptResult } from "./script.ts";

/** A `tools/call` result, as far as a host reads it (the SDK's also admits the 2024 `toolResult` form). */
export interface McpCallResult {
  readonly [key: string]: unknown;
  readonly content?: unknown;
  readonly structuredContent?: unknown;
  readonly isError?: unknown;
}

/** The part of the MCP SDK's `Client` a host uses: `new Client(...)`, once connected, fits. */
export interface McpClientLike {
  listTools(): Promise<{ readonly tools: readonly unknown[] }>;
  callTool(params: { name: string; arguments?: Record<string, unknown> }): Promise<McpCallResult>;
}

/** What the host shows the model in each request: the user's prompt and the server's tools. */
export interface McpHostRequest {
  readonly prompt: string;
  readonly tools: readonly unknown[];
}

/** One turn of tool calls: the calls the model made, the results the server sent, in call order. */
export interface McpRound {
  readonly calls: readonly ScriptCall[];
  readonly results: readonly McpCallResult[];
  /** The results as the model read them in the next request. */
  readonly read: readonly ScriptResult[];
}

/** A conversation played through an MCP server. */
export interface McpConversation {
  readonly rounds: McpRound[];
  /** The model's last text. */
  readonly answer: string | undefined;
  /** `done` when the model answered without calls, `max_turns` when it was still calling. */
  readonly stopReason: "done" | "max_turns";
}

/** Options of {@link playMcp}. */
export interface PlayMcpOptions {
  /** What the user asks. */
  readonly prompt: string;
  /** Most requests to the model (default 10). */
  readonly maxTurns?: number;
  /** Called after each round, e.g. to print it. */
  readonly onRound?: (round: McpRound) => void;
}

/** Plays `model` as the LLM of an MCP host connected with `client`. Rejects when a `callTool` does. */
export async function playMcp(
  client: McpClientLike,
  model: Model<McpHostRequest>,
  options: PlayMcpOptions,
): Promise<McpConversation> {
  const { tools } = await client.listTools();
  const request: McpHostRequest = { prompt: options.prompt, tools };
  const rounds: McpRound[] = [];
  let view: ModelView<McpHostRequest> = { request, results: [], calls: [] };
  let answer: string | undefined;
  let callCount = 0;
  for (let turn = 1; turn <= (options.maxTurns ?? 10); turn++) {
    const said = await model(view);
    answer = said.text;
    const calls = (said.calls ?? []).map((call) => ({ name: call.name, args: argumentValue(call) }));
    if (calls.length === 0) return { rounds, answer, stopReason: "done" };
    const results = await Promise.all(
      calls.map((call) =>
        client.callTool({ name: call.name, arguments: call.args as Record<string, unknown> }),
      ),
    );
    const read = results.map((result, index) => ({
      callId: `call_${++callCount}`,
      name: calls[index]?.name ?? "",
      content: textOf(result),
      isError: result.isError === true,
    }));
    const round = { calls, results, read };
    rounds.push(round);
    options.onRound?.(round);
    view = { request, results: read, calls };
  }
  return { rounds, answer, stopReason: "max_turns" };
}

/** The text blocks of a result, joined: what a host puts in front of the model. */
export function textOf(result: McpCallResult): string {
  const blocks = Array.isArray(result.content)
    ? (result.content as { type?: unknown; text?: unknown }[])
    : [];
  return blocks
    .filter((block) => block.type === "text" && typeof block.text === "string")
    .map((block) => block.text)
    .join("\n");
}
