/**
 * End to end over MCP: the SDK's `Client` talks to the quick start's toolset served by
 * `@typecall/runtime/mcp`, over stdio (a spawned `examples/mcp/src/server.ts`) and over Streamable
 * HTTP (`serveMcp`), and a scripted host plays the demo conversation through it.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { getDefaultEnvironment, StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { createToolset } from "@typecall/runtime";
import { serveMcp } from "@typecall/runtime/mcp";
import { type McpConversation, playMcp, textOf } from "@typecall/wire";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { afterEach, describe, expect, it } from "vitest";
import { connectHotels, serveHotels } from "../examples/mcp/src/hotels.ts";
import { DEMO_REQUEST, demoModel } from "../examples/quickstart/src/scripted-model.ts";
import { toolset } from "../examples/quickstart/src/tools.typecall.ts";

const root = new URL("..", import.meta.url).pathname;

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** A client connected as `userId` over each transport. */
const transports: Record<string, (userId: string) => Promise<Client>> = {
  async stdio(userId) {
    const client = new Client({ name: "e2e", version: "1.0.0" });
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: ["--conditions=@typecall/source", "--import", "tsx", "examples/mcp/src/server.ts"],
      cwd: root,
      env: { ...getDefaultEnvironment(), TYPECALL_USER_ID: userId },
      stderr: "pipe",
    });
    await client.connect(transport);
    closers.push(() => client.close());
    return client;
  },
  async "streamable http"(userId) {
    const server = await serveHotels();
    const client = await connectHotels(server.url, userId);
    closers.push(async () => {
      await client.close();
      await server.close();
    });
    return client;
  },
};

describe.each(Object.keys(transports))("MCP over %s", (transport) => {
  const connect = (userId: string) => (transports[transport] as (userId: string) => Promise<Client>)(userId);

  it("lists the tools exactly as the mcp dialect has them", async () => {
    const client = await connect("u7");
    const { tools } = await client.listTools();
    expect(tools).toEqual(toolset.schemas("mcp"));
    // Every tool of the quick start has an output schema; cancelBooking's string result is wrapped.
    expect(tools.map((tool) => tool.outputSchema?.type)).toEqual(["object", "object", "object", "object"]);
    expect(tools.find((tool) => tool.name === "cancelBooking")?.outputSchema?.properties).toEqual({
      result: { type: "string" },
    });
  }, 30_000);

  it("plays the demo: a call, two parallel calls, an error fed back and corrected, a failing tool, the answer", async () => {
    const client = await connect("u7");
    const conversation: McpConversation = await playMcp(client, demoModel(), {
      prompt: DEMO_REQUEST,
      maxTurns: 8,
    });

    expect(conversation.stopReason).toBe("done");
    expect(conversation.rounds.map((round) => round.calls.map((call) => call.name))).toEqual([
      ["searchHotels"],
      ["getWeather", "bookRoom"],
      ["bookRoom", "cancelBooking"],
    ]);
    const results = conversation.rounds.flatMap((round) => round.results);
    // The error flag: exactly the invalid booking and the tool that threw.
    expect(results.map((result) => result.isError ?? false)).toEqual([false, false, true, false, true]);

    // Each success carries structuredContent that matches the tool's listed outputSchema; failures carry none.
    const { tools } = await client.listTools();
    const ajv = addFormats(new Ajv2020({ strict: false }));
    const calls = conversation.rounds.flatMap((round) => round.calls);
    for (const [index, result] of results.entries()) {
      const name = calls[index]?.name ?? "";
      const schema = tools.find((tool) => tool.name === name)?.outputSchema;
      if (result.isError) {
        expect(result.structuredContent).toBeUndefined();
        continue;
      }
      expect(ajv.validate(schema ?? false, result.structuredContent), ajv.errorsText()).toBe(true);
      // The text block is the same value (wrapped as `{ result }` when it is not an object), for
      // hosts that read only text.
      const value = JSON.parse(textOf(result));
      const wrapped = toolset.get(name)?.outputSchema?.type !== "object";
      expect(result.structuredContent).toEqual(wrapped ? { result: value } : value);
    }

    // The model read the precise feedback, and corrected its call from it.
    const [, second, third] = conversation.rounds;
    expect(second?.read[1]).toMatchObject({ name: "bookRoom", isError: true });
    expect(second?.read[1]?.content).toContain('- nights: expected number, received string "two"');
    expect(third?.calls[0]?.args).toMatchObject({ nights: 2 });
    expect(third?.read[1]?.content).toContain('Booking "bk-old-1" does not exist or was already cancelled.');
    // The context came from the request: the booking id carries the caller's user id.
    expect(results[3]?.structuredContent).toMatchObject({ bookingId: "bk-u7-h-paris-1-2026-12-04" });
    expect(conversation.answer).toContain("bk-u7-h-paris-1-2026-12-04");
  }, 30_000);
});

describe("MCP over Streamable HTTP, two users", () => {
  it("gives each request the context of its own caller", async () => {
    const server = await serveHotels();
    closers.push(server.close);
    const [ada, bob] = await Promise.all([
      connectHotels(server.url, "ada"),
      connectHotels(server.url, "bob"),
    ]);
    closers.push(
      () => ada.close(),
      () => bob.close(),
    );
    const args = {
      hotelId: "h-paris-1",
      checkIn: "2026-12-24",
      nights: 1,
      guests: [{ name: "A", email: "a@example.com" }],
    };
    const [forAda, forBob] = await Promise.all([
      ada.callTool({ name: "bookRoom", arguments: args }),
      bob.callTool({ name: "bookRoom", arguments: args }),
    ]);
    expect(forAda.structuredContent).toMatchObject({ bookingId: "bk-ada-h-paris-1-2026-12-24" });
    expect(forBob.structuredContent).toMatchObject({ bookingId: "bk-bob-h-paris-1-2026-12-24" });
  });
});

describe("MCP results wider than their type", () => {
  it("are structuredContent the SDK's client accepts: TypeScript's object types are open", async () => {
    // The generated getWeather, returning a field its type does not name (a row with more columns).
    const weather = toolset.get("getWeather");
    if (weather === undefined) throw new Error("the quick start has no getWeather");
    const wider = createToolset([
      { ...weather, run: () => ({ city: "Paris", temperature: 15, unit: "c", uv: 2 }) },
    ]);
    const server = await serveMcp(wider, { name: "wider", version: "1.0.0", transport: "http" });
    closers.push(server.close);
    const client = new Client({ name: "e2e", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(server.url)));
    closers.push(() => client.close());
    await client.listTools(); // The client checks results against the output schemas it listed.
    const result = await client.callTool({ name: "getWeather", arguments: { city: "Paris" } });
    expect(result.isError).toBeUndefined();
    expect(result.structuredContent).toEqual({ city: "Paris", temperature: 15, unit: "c", uv: 2 });
  });
});
