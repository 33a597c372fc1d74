/**
 * End to end through Gemini: the real `@google/genai` client talks over HTTP to a local server
 * speaking the `generateContent` wire format (signing each call turn, as thinking models do), and
 * the generated dispatcher answers the function calls.
 */
import { type GenerateContentResponse, GoogleGenAI } from "@google/genai";
import { runTools, toGeminiTools } from "@typecall/runtime/gemini";
import { type GeminiContent, type GeminiRequest, type GeminiServer, startGeminiServer } from "@typecall/wire";
import { afterEach, expect, it } from "vitest";
import { DEMO_REQUEST, demoModel } from "../examples/quickstart/src/scripted-model.ts";
import { toolset } from "../examples/quickstart/src/tools.typecall.ts";

let server: GeminiServer | undefined;
afterEach(() => server?.close());

async function demoClient(): Promise<GoogleGenAI> {
  server = await startGeminiServer({ model: demoModel() });
  return new GoogleGenAI({ apiKey: "test", httpOptions: { baseUrl: server.url } });
}

/** Each model turn with calls, and the user turn after it: calls and responses side by side. */
function rounds(request: GeminiRequest | undefined) {
  const contents = request?.contents ?? [];
  return contents.flatMap((content, index) => {
    const answer = contents[index + 1];
    if (content.role !== "model" || answer === undefined) return [];
    return [{ signature: content.parts[0]?.thoughtSignature, calls: content.parts, answers: answer.parts }];
  });
}

it("plays the quick start: a call, two parallel calls, an error fed back and corrected, a failing tool, the answer", async () => {
  const ai = await demoClient();
  const result = await runTools(ai, { model: "gemini-2.5-flash", contents: DEMO_REQUEST }, toolset, {
    ctx: { userId: "u7" },
    maxSteps: 8,
  });

  expect(result.stopReason).toBe("done");
  expect(server?.errors).toEqual([]);
  const requests = server?.requests ?? [];
  expect(requests).toHaveLength(4);
  // Every request offered the generated Gemini declarations, exactly.
  for (const request of requests) expect(request.tools).toEqual(toGeminiTools(toolset));

  const outcomes = result.steps.flatMap((s) => s.outcomes.map((o) => [o.name, o.ok ? "ok" : o.error.code]));
  expect(outcomes).toEqual([
    ["searchHotels", "ok"],
    ["getWeather", "ok"],
    ["bookRoom", "invalid_arguments"],
    ["bookRoom", "ok"],
    ["cancelBooking", "execution_error"],
  ]);

  const last = rounds(requests[3]);
  // Each model turn came back signed with the signature the server gave it.
  expect(last.map((round) => round.signature)).toEqual(server?.signatures);
  expect(server?.signatures).toHaveLength(3);
  // Every call answered, in order, its id and name echoed; `output` on success, `error` on failure.
  for (const { calls, answers } of last) {
    expect(answers.map((part) => [part.functionResponse?.id, part.functionResponse?.name])).toEqual(
      calls.map((part) => [part.functionCall?.id, part.functionCall?.name]),
    );
  }
  const keys = last.flatMap(({ answers }) =>
    answers.map((part) => Object.keys(part.functionResponse?.response ?? {})),
  );
  expect(keys).toEqual([["output"], ["output"], ["error"], ["output"], ["error"]]);
  const [search, parallel, corrected] = last;
  expect(search?.answers[0]?.functionResponse?.response).toEqual({
    output: [expect.objectContaining({ id: "h-paris-1" })],
  });
  // The model saw the precise error, answering the right call.
  expect(parallel?.answers[1]?.functionResponse?.response.error).toContain(
    'nights: expected number, received string "two"',
  );
  expect(corrected?.answers[1]?.functionResponse?.response.error).toContain(
    'Booking "bk-old-1" does not exist or was already cancelled.',
  );
  // The history is the request's prompt, then each model turn unchanged and its responses.
  expect(result.messages.slice(0, -1)).toEqual(requests[3]?.contents);
  // The context came from the app: the booking id carries the caller's user id.
  expect((result.response as GenerateContentResponse).text).toContain("bk-u7-h-paris-1-2026-12-04");
});

it("stops after maxSteps requests, the last turn's calls answered so the history can go on", async () => {
  const ai = await demoClient();
  const result = await runTools(ai, { model: "m", contents: DEMO_REQUEST }, toolset, {
    ctx: { userId: "u7" },
    maxSteps: 2,
  });
  expect(result.stopReason).toBe("max_steps");
  expect(server?.requests).toHaveLength(2);
  expect(result.steps.map((step) => step.calls.length)).toEqual([1, 2]);
  const [model, answers] = result.messages.slice(-2) as GeminiContent[];
  expect(answers?.parts.map((part) => part.functionResponse?.id)).toEqual(
    model?.parts.map((part) => part.functionCall?.id),
  );
  // The history is ready for the next turn: the server takes it as it is, signature included.
  const next = await ai.models.generateContent({ model: "m", contents: result.messages });
  expect(server?.errors).toEqual([]);
  expect(next.functionCalls?.map((call) => call.name)).toEqual(["bookRoom", "cancelBooking"]);
});

it("stops when onStep returns false, after that round's responses", async () => {
  const ai = await demoClient();
  const seen: string[] = [];
  const result = await runTools(ai, { model: "m", contents: DEMO_REQUEST }, toolset, {
    ctx: { userId: "u7" },
    onStep: (step) => {
      seen.push(...step.calls.map((call) => `${call.id}:${call.name}`));
      return false;
    },
  });
  expect(result.stopReason).toBe("stopped");
  expect(seen).toEqual(["fc_1:searchHotels"]);
  expect(result.messages.map((content) => content.role)).toEqual(["user", "model", "user"]);
  expect(result.steps[0]?.response).toBe(result.response);
});
