/**
 * `@typecall/runtime/ai-sdk`: a toolset as the `tools` of the Vercel AI SDK's `generateText` and
 * `streamText`, whose loop (`stopWhen`) then runs our dispatcher. It imports `jsonSchema` from
 * `ai` (a peer dependency) at runtime.
 *
 * The SDK sends the model its own wrapping of a failed `validate` ("Invalid input for tool X:
 * Type validation failed: Value: ...") and the bare message of an Error that `execute` throws. So
 * every failure is reported from `execute`, as the dispatcher's feedback text word for word: a
 * call the validator refuses passes `validate` unchanged and fails in `execute`.
 */
import { type JSONSchema7, jsonSchema, type Tool } from "ai";
import { valueContent } from "../feedback.ts";
import type { CallOptions, ContextArg, DispatchArgs, ToolFailure, ToolMapShape } from "../outcome.ts";
import { checkToolCall, type Toolset } from "../toolset.ts";

/**
 * The `tools` of a `generateText` or `streamText` call, one tool per tool of the toolset, under
 * its name. The input is typed `unknown`: a call the validator refuses still reaches `execute`,
 * which answers it with the feedback.
 */
export type AISDKTools<M extends ToolMapShape<M>> = {
  [K in keyof M & string]: Tool<unknown, M[K]["result"]>;
};

/**
 * What a tool's `execute` throws when its call fails: the message is the dispatcher's feedback for
 * the model (`outcome.content`), and `outcome` says what failed (`outcome.error.code`).
 */
export class ToolCallError extends Error {
  /** The failed call's outcome. */
  readonly outcome: ToolFailure;

  constructor(outcome: ToolFailure) {
    super(outcome.content);
    this.name = "ToolCallError";
    this.outcome = outcome;
  }
}

/**
 * The toolset as AI SDK tools: each with its description, its JSON Schema and our validator as
 * `inputSchema` (`jsonSchema(schema, { validate })`, where `validate` gives the arguments as the
 * tool will get them: parsed leniently, coerced, defaults in), and an `execute` that dispatches
 * the call with `ctx` and the SDK's abort signal. `execute` resolves to the tool's value, which
 * the model reads as the dispatcher's content; on failure it throws a {@link ToolCallError}, whose
 * message (the feedback) is what the model reads.
 */
export function toAISDKTools<M extends ToolMapShape<M>, C extends object>(
  toolset: Toolset<M, C>,
  ...[ctx]: ContextArg<C>
): AISDKTools<M> {
  const tools: Record<string, Tool<unknown, unknown>> = {};
  for (const { name, description, parameters } of toolset.schemas("json-schema")) {
    tools[name] = {
      description,
      inputSchema: jsonSchema(parameters as JSONSchema7, {
        validate: (value) => validate(toolset, name, value),
      }),
      async execute(input, { toolCallId, abortSignal }) {
        const options: CallOptions = abortSignal === undefined ? {} : { signal: abortSignal };
        const args = [ctx, options] as unknown as DispatchArgs<C>;
        const outcome = await toolset.dispatch({ name, arguments: input, id: toolCallId }, ...args);
        if (!outcome.ok) throw new ToolCallError(outcome);
        return outcome.value;
      },
      // The value as the dispatcher writes it for the model, where the SDK would send its own JSON.
      toModelOutput: ({ output }) => ({
        type: "text",
        value: valueContent(output, toolset.options.maxContentLength),
      }),
    };
  }
  return tools as AISDKTools<M>;
}

/**
 * The `validate` of a tool's input schema: the arguments the tool would run with, when the
 * dispatcher accepts them. What it refuses passes unchanged, to fail in `execute` with the
 * feedback as it is (a failed validation would reach the model wrapped in the SDK's text); so
 * does every input of a toolset `createToolset` did not make, which only dispatch can check.
 */
function validate(toolset: object, name: string, value: unknown): { success: true; value: unknown } {
  const check = checkToolCall(toolset, { name, arguments: value });
  return { success: true, value: check?.ok === true ? check.args : value };
}
