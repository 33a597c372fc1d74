/**
 * Scripted models, written once for every wire format. A server reads each request into a
 * {@link ModelView} (the tool results the request carries, in the provider-neutral form below),
 * asks its {@link Model} for the next answer, and writes that answer in its own format. So one
 * script plays the same conversation through every provider's SDK.
 */

/** A call the model makes. */
export interface ScriptCall {
  readonly name: string;
  /**
   * The arguments: a value (sent as JSON, or as the object itself where the format carries
   * objects), or a string sent as the raw argument text, for formats that carry text (Chat
   * Completions, Responses); formats that carry objects parse the string.
   */
  readonly args: unknown;
}

/** What the model says next: text, calls, or both. */
export interface ScriptAnswer {
  readonly text?: string;
  readonly calls?: readonly ScriptCall[];
}

/** A tool result as the model sees it in a request, whatever the format. */
export interface ScriptResult {
  /** The id of the call it answers (the format's own id: `call_1`, `toolu_1`, ...). */
  readonly callId: string;
  /** The name of the function the answered call named. */
  readonly name: string;
  /** The result text; for formats that carry objects (Gemini), the object as JSON. */
  readonly content: string;
  /** Whether the format flagged it as an error (Anthropic `is_error`, Gemini `error`); `undefined` where the format has no flag. */
  readonly isError: boolean | undefined;
}

/** One request, as a model reads it. */
export interface ModelView<Request> {
  /** The request body, in the format's own shape. */
  readonly request: Request;
  /** The tool results after the last model turn of the conversation, in order. */
  readonly results: readonly ScriptResult[];
  /** The calls of the last model turn, as the conversation carries them back (arguments parsed). */
  readonly calls: readonly ScriptCall[];
}

/** Decides the model's answer to a request. */
export type Model<Request> = (view: ModelView<Request>) => ScriptAnswer | Promise<ScriptAnswer>;

/** One turn of a script: fixed, or computed from the request (to react to the last tool results). */
export type ScriptTurn<Request = unknown> =
  | ScriptAnswer
  | ((view: ModelView<Request>) => ScriptAnswer | Promise<ScriptAnswer>);

/**
 * A model that plays `turns` in order, one per request. A request beyond the script fails (the
 * server answers 500), so a test notices a loop that calls the model too often.
 */
export function script<Request = unknown>(turns: readonly ScriptTurn<Request>[]): Model<Request> {
  let next = 0;
  return (view) => {
    const turn = turns[next++];
    if (turn === undefined) throw new Error(`scripted model: no turn left for request #${next}`);
    return typeof turn === "function" ? turn(view) : turn;
  };
}

/** The arguments of a call as text, for formats that carry text. */
export function argumentText(call: ScriptCall): string {
  return typeof call.args === "string" ? call.args : JSON.stringify(call.args);
}

/** The arguments of a call as a value, for formats that carry objects (a string is parsed). */
export function argumentValue(call: ScriptCall): unknown {
  return typeof call.args === "string" ? parseArguments(call.args) : call.args;
}

/** Parses argument text the model sent earlier, as it came back in a request. */
export function parseArguments(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
