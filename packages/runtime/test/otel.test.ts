/**
 * OpenTelemetry through the hooks, with the real SDK (`@opentelemetry/sdk-trace-base` and its
 * in-memory exporter): one span per call, named and described by the GenAI conventions, and
 * nothing of the arguments or results in it.
 */
import { trace } from "@opentelemetry/api";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import { toolset } from "../../../examples/quickstart/src/tools.typecall.ts";
import { otelHooks } from "../src/adapters/otel.ts";

const ctx = { userId: "u7" };

describe("otelHooks", () => {
  it("records one span per call, with the GenAI attributes and the error type", async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const seen: string[] = [];
    const traced = toolset.with({
      hooks: otelHooks(provider.getTracer("typecall-test"), {
        onOutcome: (outcome) => seen.push(outcome.name),
      }),
    });
    const guests = [{ name: "Alice Martin", email: "alice@example.com" }];
    const outcomes = await traced.dispatchAll(
      [
        { id: "call_1", name: "getWeather", arguments: '{"city":"Paris"}' },
        {
          id: "call_2",
          name: "bookRoom",
          arguments: JSON.stringify({ hotelId: "h-1", checkIn: "2026-12-04", nights: "two", guests }),
        },
        { id: "call_3", name: "cancelBooking", arguments: '{"bookingId":"bk-secret-9"}' },
      ],
      ctx,
    );
    expect(outcomes.map((o) => (o.ok ? "ok" : o.error.code))).toEqual([
      "ok",
      "invalid_arguments",
      "execution_error",
    ]);
    const spans = exporter.getFinishedSpans();
    expect(spans.map((span) => span.name)).toEqual([
      "execute_tool getWeather",
      "execute_tool bookRoom",
      "execute_tool cancelBooking",
    ]);
    expect(spans.map((span) => span.attributes)).toEqual([
      {
        "gen_ai.operation.name": "execute_tool",
        "gen_ai.tool.name": "getWeather",
        "gen_ai.tool.type": "function",
        "gen_ai.tool.call.id": "call_1",
      },
      {
        "gen_ai.operation.name": "execute_tool",
        "gen_ai.tool.name": "bookRoom",
        "gen_ai.tool.type": "function",
        "gen_ai.tool.call.id": "call_2",
        "error.type": "invalid_arguments",
      },
      {
        "gen_ai.operation.name": "execute_tool",
        "gen_ai.tool.name": "cancelBooking",
        "gen_ai.tool.type": "function",
        "gen_ai.tool.call.id": "call_3",
        "error.type": "execution_error",
      },
    ]);
    expect(spans.map((span) => span.status.code)).toEqual([0, 2, 2]);
    for (const span of spans) {
      expect(span.kind).toBe(0);
      const [start, end] = [span.startTime, span.endTime].map(([s, ns]) => s * 1e3 + ns / 1e6);
      expect(end).toBeGreaterThanOrEqual(start as number);
    }
    // Nothing the model sent or a tool said: no argument value, no message.
    const written = JSON.stringify(
      spans.map((span) => [span.name, span.attributes, span.status, span.events]),
    );
    for (const secret of ["alice@example.com", "Alice Martin", "bk-secret-9", "Paris", "does not exist"])
      expect(written).not.toContain(secret);
    // The app's own hooks still run.
    expect(seen).toEqual(["getWeather", "bookRoom", "cancelBooking"]);
  });

  it("takes the global tracer of the API package", () => {
    // `trace.getTracer` gives a no-op tracer without a registered provider: the hooks still work.
    const hooks = otelHooks(trace.getTracer("typecall-test"));
    expect(() =>
      hooks.onOutcome?.(
        { ok: true, name: "t", value: 1, content: "1" },
        { name: "t", arguments: "{}", startedAt: 0, durationMs: 1, repaired: false },
      ),
    ).not.toThrow();
  });

  it("keeps what the model wrote as a tool name, and long ids, out of the span", async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const traced = toolset.with({ hooks: otelHooks(provider.getTracer("typecall-test")) });
    const name = `leak: ssn 123-45-6789 ${"A".repeat(5000)}`;
    await traced.dispatch({ id: "x".repeat(3000), name, arguments: "{}" }, ctx);
    const [span] = exporter.getFinishedSpans();
    expect(span?.name).toBe("execute_tool");
    expect(span?.attributes["gen_ai.tool.name"]).toBeUndefined();
    expect(String(span?.attributes["gen_ai.tool.call.id"])).toHaveLength(128);
    expect(JSON.stringify([span?.name, span?.attributes])).not.toContain("123-45-6789");
  });
});
