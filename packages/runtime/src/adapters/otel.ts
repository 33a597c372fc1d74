/**
 * `@typecall/runtime/otel`: OpenTelemetry spans for every call, as toolset hooks. It does not
 * import `@opentelemetry/api`: the app passes its tracer (`trace.getTracer("my-app")`), which fits
 * the structural type below, so an app without OpenTelemetry ships none of it.
 *
 * Each call is one span, named as the GenAI semantic conventions name a tool execution
 * (`execute_tool <tool>`), with `gen_ai.operation.name`, `gen_ai.tool.name`, `gen_ai.tool.type`
 * and `gen_ai.tool.call.id`, and for a failure `error.type` (the outcome's code) and an error
 * status. No argument, result or message goes into a span: only names, ids and codes.
 */

import type { CallEvent, OutcomeEvent, ToolsetHooks } from "../options.ts";
import type { AnyOutcome } from "../outcome.ts";

/** The attributes of a span, as the OpenTelemetry API takes them. */
export type SpanAttributes = Record<string, string | number | boolean>;

/** The part of an OpenTelemetry `Span` the hooks use. */
export interface SpanLike {
  setStatus(status: { code: number; message?: string }): unknown;
  end(endTime?: number): void;
}

/** The part of an OpenTelemetry `Tracer` the hooks use: `trace.getTracer(name)` fits. */
export interface TracerLike {
  startSpan(
    name: string,
    options?: { kind?: number; startTime?: number; attributes?: SpanAttributes },
  ): SpanLike;
}

/** `SpanKind.INTERNAL` and `SpanStatusCode.ERROR` of `@opentelemetry/api` (stable numbers of its API). */
const INTERNAL = 0;
const ERROR = 2;

/**
 * Hooks that record one span per call with `tracer`, to pass as the toolset's `hooks` option
 * (`toolset.with({ hooks: otelHooks(trace.getTracer("my-app")) })`). `also` are hooks of your own,
 * called after the span's. The span covers the call from its start to its outcome; it is written
 * when the call ends, so a tool's own spans are not its children.
 */
export function otelHooks(tracer: TracerLike, also: ToolsetHooks = {}): ToolsetHooks {
  return {
    onCall(event: CallEvent) {
      also.onCall?.(event);
    },
    onOutcome(outcome: AnyOutcome, event: OutcomeEvent) {
      try {
        record(tracer, outcome, event);
      } finally {
        also.onOutcome?.(outcome, event);
      }
    },
  };
}

/** The longest call id a span keeps: ids are the provider's (`call_...`, `toolu_...`), short. */
const MAX_ID_LENGTH = 128;

function record(tracer: TracerLike, outcome: AnyOutcome, event: OutcomeEvent): void {
  // The name of a call to no tool is whatever the model wrote: it stays out of the span, whose
  // name is then the operation's alone.
  const named = outcome.ok || outcome.error.code !== "unknown_tool";
  const attributes: SpanAttributes = {
    "gen_ai.operation.name": "execute_tool",
    ...(named && { "gen_ai.tool.name": outcome.name }),
    "gen_ai.tool.type": "function",
    ...(typeof event.id === "string" && { "gen_ai.tool.call.id": event.id.slice(0, MAX_ID_LENGTH) }),
    ...(!outcome.ok && { "error.type": outcome.error.code }),
  };
  const span = tracer.startSpan(named ? `execute_tool ${outcome.name}` : "execute_tool", {
    kind: INTERNAL,
    startTime: event.startedAt,
    attributes,
  });
  if (!outcome.ok) span.setStatus({ code: ERROR, message: outcome.error.code });
  span.end(event.startedAt + event.durationMs);
}
