/**
 * The tool loop every adapter's `runTools` is: ask the model, run the calls of its answer, send
 * the results back, until an answer has no calls, `maxSteps` requests were made, or `onStep` says
 * stop. An adapter says only how its provider is asked, read and answered.
 */
import type {
  AnyOutcome,
  BatchOptions,
  DispatchArgs,
  RawOutcome,
  ToolCall,
  ToolMapShape,
} from "../outcome.ts";
import type { Toolset } from "../toolset.ts";
import type { EmptyContext } from "../types.ts";

/** One round of a loop: the model's answer (under the provider's name for it), its calls and their outcomes. */
export type ToolStep<Name extends string, Answer, M extends ToolMapShape<M>> = {
  readonly [K in Name]: Answer;
} & {
  readonly calls: readonly ToolCall[];
  readonly outcomes: readonly RawOutcome<M>[];
};

/** Options of every adapter's `runTools`. */
export type LoopOptions<Step, C extends object> = {
  /** Most requests to the model (default 10). The last answer may still hold (answered) tool calls. */
  readonly maxSteps?: number;
  /** Called after each round of tool calls; return `false` to stop the loop there. */
  readonly onStep?: (step: Step) => unknown;
  /** Per-call options for every dispatched call (time limit, signal, concurrency). */
  readonly callOptions?: BatchOptions;
} & (EmptyContext extends C ? { readonly ctx?: C } : { readonly ctx: C });

/** The options argument of a `runTools`: optional when the context is. */
export type LoopOptionsArg<Step, C extends object> = EmptyContext extends C
  ? [options?: LoopOptions<Step, C>]
  : [options: LoopOptions<Step, C>];

/** Why a loop ended: the model answered without calls, `maxSteps` was reached, or `onStep` said stop. */
export type StopReason = "done" | "max_steps" | "stopped";

/** What every `runTools` returns, the last answer under the provider's name for it. */
export type LoopResult<Name extends string, Answer, Item, M extends ToolMapShape<M>> = {
  readonly [K in Name]: Answer;
} & {
  /** The whole conversation in the provider's format, ready for the next turn. */
  readonly messages: Item[];
  readonly steps: ToolStep<Name, Answer, M>[];
  readonly stopReason: StopReason;
};

/** How one provider is asked, read and answered. */
export interface Provider<Name extends string, Answer, Item> {
  /** The provider's name for its answer: the key of the answer in steps and in the result. */
  readonly name: Name;
  /** One request, given the whole history (an adapter may send less, as Responses does with `previous_response_id`). */
  ask(history: readonly Item[]): PromiseLike<Answer>;
  /**
   * What the answer adds to the history, and its calls in answer order. `resume: true` says the
   * answer is unfinished and is to be sent back as it is (Anthropic's `pause_turn`): the loop asks
   * again, counting the request against `maxSteps`, without running calls or making a step.
   */
  read(answer: Answer): {
    readonly said: readonly Item[];
    readonly calls: readonly ToolCall[];
    readonly resume?: boolean;
  };
  /** The history items that answer the calls, given their outcomes in call order. */
  answer(outcomes: readonly AnyOutcome[], calls: readonly ToolCall[]): readonly Item[];
}

/** Runs the loop for one provider. Rejects only when the provider's client does. */
export async function toolLoop<
  Name extends string,
  Answer,
  Item,
  M extends ToolMapShape<M>,
  C extends object,
>(
  provider: Provider<Name, Answer, Item>,
  history: readonly Item[],
  toolset: Toolset<M, C>,
  options: LoopOptions<ToolStep<Name, Answer, M>, C> = {} as LoopOptions<ToolStep<Name, Answer, M>, C>,
): Promise<LoopResult<Name, Answer, Item, M>> {
  const maxSteps = options.maxSteps ?? 10;
  const messages = [...history];
  const steps: ToolStep<Name, Answer, M>[] = [];
  const context = [options.ctx, options.callOptions] as unknown as DispatchArgs<C, BatchOptions>;
  const result = (answer: Answer, stopReason: StopReason) =>
    ({ [provider.name]: answer, messages, steps, stopReason }) as LoopResult<Name, Answer, Item, M>;
  for (let request = 1; ; request++) {
    const answer = await provider.ask(messages);
    const { said, calls, resume } = provider.read(answer);
    messages.push(...said);
    if (resume) {
      if (request >= maxSteps) return result(answer, "max_steps");
      continue;
    }
    if (calls.length === 0) return result(answer, "done");
    const outcomes = await toolset.dispatchAll(calls, ...context);
    messages.push(...provider.answer(outcomes, calls));
    const step = { [provider.name]: answer, calls, outcomes } as ToolStep<Name, Answer, M>;
    steps.push(step);
    if ((await options.onStep?.(step)) === false) return result(answer, "stopped");
    if (request >= maxSteps) return result(answer, "max_steps");
  }
}
