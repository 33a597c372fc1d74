/**
 * The tool loop every adapter's `runTools` is: ask the model, run the calls of its answer, send
 * the results back, until an answer has no calls, `maxSteps` requests were made, or `onStep` says
 * stop. An adapter says only how its provider is asked, read and answered.
 */

import { numberProblem } from "../options.ts";
import type {
  AnyOutcome,
  Approval,
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

/**
 * What a client's `create` resolves to for a non-streaming request: an SDK's `create` is
 * overloaded, and its last overload resolves to the answer or a stream; the answer is the part
 * that fits `Like` (the adapter's structural type of it).
 */
export type AnswerOf<Create extends (...args: never[]) => unknown, Like> = Extract<
  Awaited<ReturnType<Create>>,
  Like
>;

/** Options of every adapter's `runTools`. */
export type LoopOptions<Step, C extends object> = {
  /** Most requests to the model (default 10). The last answer may still hold (answered) tool calls. */
  readonly maxSteps?: number;
  /**
   * Most tool calls run in the whole loop (default 100). Calls past it are answered, without
   * running, with a `limit_exceeded` outcome that says so, and the loop ends (`max_calls`).
   */
  readonly maxCalls?: number;
  /**
   * How many times in a row a tool's call may be refused for its arguments (`invalid_arguments`,
   * `invalid_json`) and tried again (default 3). The refusal past it tells the model to stop
   * calling that tool, and the loop ends (`max_retries`).
   */
  readonly maxRetries?: number;
  /** Called after each round of tool calls; return `false` to stop the loop there. */
  readonly onStep?: (step: Step) => unknown;
  /** Per-call options for every dispatched call (time limit, signal, concurrency). */
  readonly callOptions?: BatchOptions;
  /**
   * The `pending` of a result that stopped for approval (`needs_approval`): the loop first answers
   * its calls, each call that waits as `decide` says, then goes on. Pass the result's `messages`
   * as the history.
   */
  readonly resume?: PendingStep<unknown> | undefined;
  /**
   * A person's answer to each call that waits for approval, when resuming: `true` runs it (with
   * `ctx`, whose scopes must allow the tool), `false` or a reason declines it.
   */
  readonly decide?: Decide;
} & (EmptyContext extends C ? { readonly ctx?: C } : { readonly ctx: C });

/** A person's answer to an approval: `true` runs the call, `false` or a reason declines it. */
export type Decide = (approval: Approval) => boolean | string | PromiseLike<boolean | string>;

/**
 * The calls of an answer that wait for approval, and the outcomes of the others (which ran): what
 * a loop needs to go on. Plain data: it may be kept as JSON until the person answers, on any
 * instance that shares the toolset's `approvalSecret`.
 */
export interface PendingStep<Answer> {
  /** The model's answer whose calls these are (already the last items of `messages`). */
  readonly answer: Answer;
  readonly calls: readonly ToolCall[];
  /** In call order; those that wait have `approval` (`error.code` is `needs_approval`). */
  readonly outcomes: readonly AnyOutcome[];
}

/** The options argument of a `runTools`: optional when the context is. */
export type LoopOptionsArg<Step, C extends object> = EmptyContext extends C
  ? [options?: LoopOptions<Step, C>]
  : [options: LoopOptions<Step, C>];

/**
 * Why a loop ended: the model answered without calls, `maxSteps` was reached, `onStep` said stop,
 * the `maxCalls` budget was spent, a tool's `maxRetries` budget was, or a call waits for a
 * person's approval (`pending` holds it).
 */
export type StopReason = "done" | "max_steps" | "stopped" | "max_calls" | "max_retries" | "needs_approval";

/** What every `runTools` returns, the last answer under the provider's name for it. */
export type LoopResult<Name extends string, Answer, Item, M extends ToolMapShape<M>> = {
  readonly [K in Name]: Answer;
} & {
  /** The whole conversation in the provider's format, ready for the next turn. */
  readonly messages: Item[];
  readonly steps: ToolStep<Name, Answer, M>[];
  readonly stopReason: StopReason;
  /** The approvals a `needs_approval` stop waits for (empty otherwise): show them to the person. */
  readonly approvals: readonly Approval[];
  /** With `needs_approval`: what `resume` takes to go on once the person has answered. */
  readonly pending?: PendingStep<Answer>;
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

/**
 * Runs the loop for one provider. Rejects only when the provider's client does, or at once for a
 * `maxCalls` or `maxRetries` that is not a whole number of at least 0.
 */
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
  const budget = new Budget(options.maxCalls ?? 100, options.maxRetries ?? 3);
  const messages = [...history];
  const steps: ToolStep<Name, Answer, M>[] = [];
  const context = [options.ctx, options.callOptions] as unknown as DispatchArgs<C, BatchOptions>;
  const result = (answer: Answer, stopReason: StopReason, pending?: PendingStep<Answer>) =>
    ({
      [provider.name]: answer,
      messages,
      steps,
      stopReason,
      approvals: pending ? approvalsOf(pending.outcomes) : [],
      ...(pending && { pending }),
    }) as LoopResult<Name, Answer, Item, M>;
  // Ends a round of calls: their answers go into the history, and the step into the steps.
  const close = (answer: Answer, calls: readonly ToolCall[], outcomes: AnyOutcome[]) => {
    messages.push(...provider.answer(outcomes, calls));
    const step = { [provider.name]: answer, calls, outcomes } as ToolStep<Name, Answer, M>;
    steps.push(step);
    return step;
  };
  if (options.resume !== undefined) {
    const { decide } = options;
    if (typeof decide !== "function")
      throw new TypeError("resume needs decide, the person's answer to each approval");
    const pending = options.resume as PendingStep<Answer>;
    // What the provider keeps of an answer (the Responses API's id) is read again; its items are in the history.
    provider.read(pending.answer);
    const decided = await Promise.all(
      pending.outcomes.map((outcome) =>
        outcome.ok || outcome.approval === undefined
          ? outcome
          : decideOne(toolset, outcome.approval, decide, options.ctx, options.callOptions),
      ),
    );
    const step = close(pending.answer, pending.calls, budget.note(decided));
    if (budget.retriesSpent) return result(pending.answer, "max_retries");
    if ((await options.onStep?.(step)) === false) return result(pending.answer, "stopped");
  }
  for (let request = 1; ; request++) {
    const answer = await provider.ask(messages);
    const { said, calls, resume } = provider.read(answer);
    messages.push(...said);
    if (resume) {
      if (request >= maxSteps) return result(answer, "max_steps");
      continue;
    }
    if (calls.length === 0) return result(answer, "done");
    const allowed = budget.take(calls.length);
    const ran = await toolset.dispatchAll(calls.slice(0, allowed), ...context);
    const outcomes = budget.note([...ran, ...calls.slice(allowed).map((call) => budget.refusal(call))]);
    // A call that waits for a person: the loop stops here, its calls unanswered, to be resumed.
    if (outcomes.some((outcome) => !outcome.ok && outcome.approval !== undefined))
      return result(answer, "needs_approval", { answer, calls, outcomes });
    const step = close(answer, calls, outcomes);
    if (allowed < calls.length) return result(answer, "max_calls");
    if (budget.retriesSpent) return result(answer, "max_retries");
    if ((await options.onStep?.(step)) === false) return result(answer, "stopped");
    if (request >= maxSteps) return result(answer, "max_steps");
  }
}

/** The approvals the outcomes of a step wait for, in call order. */
function approvalsOf(outcomes: readonly AnyOutcome[]): Approval[] {
  return outcomes.flatMap((outcome) =>
    outcome.ok || outcome.approval === undefined ? [] : [outcome.approval],
  );
}

/** The outcome of a call that waited for approval, as the person decided; never rejects. */
export async function decideOne<M extends ToolMapShape<M>, C extends object>(
  toolset: Toolset<M, C>,
  approval: Approval,
  decide: Decide,
  ctx: C | undefined,
  callOptions: BatchOptions | undefined,
): Promise<AnyOutcome> {
  let verdict: boolean | string;
  try {
    verdict = await decide(approval);
  } catch {
    verdict = "no answer could be had";
  }
  if (verdict === true)
    return toolset.approve(approval.token, ...([ctx, callOptions] as unknown as DispatchArgs<C>));
  return toolset.deny(approval.token, typeof verdict === "string" ? verdict : undefined);
}

/** The budgets of one loop: tool calls in all, and refusals in a row per tool. */
class Budget {
  private calls = 0;
  private readonly refusals = new Map<string, number>();
  /** Set when a tool was refused more than `maxRetries` times in a row. */
  retriesSpent = false;

  constructor(
    private readonly maxCalls: number,
    private readonly maxRetries: number,
  ) {
    for (const [name, value] of [
      ["maxCalls", maxCalls],
      ["maxRetries", maxRetries],
    ] as const) {
      // The wording of every numeric option's error, and a whole number on top.
      const problem = numberProblem(name, value, 0);
      if (problem !== undefined || !Number.isInteger(value))
        throw new RangeError(problem ?? `${name} must be a whole number, got ${value}`);
    }
  }

  /** How many of `wanted` calls may still run. */
  take(wanted: number): number {
    const allowed = Math.min(wanted, Math.max(0, this.maxCalls - this.calls));
    this.calls += allowed;
    return allowed;
  }

  /** The answer to a call past the `maxCalls` budget: not run, and the model told why. */
  refusal(call: ToolCall): AnyOutcome {
    const message = `The run's budget of ${this.maxCalls} tool calls is spent`;
    return {
      ok: false,
      name: call.name,
      ...(call.id !== undefined && { id: call.id }),
      error: { code: "limit_exceeded", message },
      content: `${message}: the call to "${call.name}" was not made. Answer with what you have.`,
    };
  }

  /** Counts the refusals of each tool, and tells the model when one's retries are spent. */
  note(outcomes: readonly AnyOutcome[]): AnyOutcome[] {
    return outcomes.map((outcome) => {
      if (outcome.ok) {
        this.refusals.delete(outcome.name);
        return outcome;
      }
      if (outcome.error.code !== "invalid_arguments" && outcome.error.code !== "invalid_json") return outcome;
      const refused = (this.refusals.get(outcome.name) ?? 0) + 1;
      this.refusals.set(outcome.name, refused);
      if (refused <= this.maxRetries) return outcome;
      this.retriesSpent = true;
      const spent = `The calls to "${outcome.name}" were refused ${refused} times in a row: do not call it again in this run.`;
      return { ...outcome, content: `${outcome.content}\n${spent}` };
    });
  }
}
