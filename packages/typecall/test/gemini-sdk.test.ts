/**
 * What `toolset.schemas("gemini")` gives goes through the real @google/genai SDK's request building
 * unchanged: the SDK rewrites a `parameters` object it sends (upper-cases types, folds type arrays
 * into `nullable`, drops `additionalProperties`), so only a declaration already in the spelling it
 * sends survives intact. The SDK posts to a local server, which records the request body.
 */
import { readdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { GoogleGenAI } from "@google/genai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCorpusTools } from "./support/corpus-tools.ts";

const HERE = dirname(fileURLToPath(import.meta.url));
const CASES = join(HERE, "cases");

let server: Server;
let baseUrl = "";
const bodies: unknown[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      bodies.push(JSON.parse(body));
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ candidates: [{ content: { role: "model", parts: [{ text: "ok" }] } }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The function declarations the SDK sends for `declarations`. */
async function sent(declarations: unknown[]): Promise<unknown> {
  const ai = new GoogleGenAI({ apiKey: "test", httpOptions: { baseUrl } });
  bodies.length = 0;
  await ai.models.generateContent({
    model: "gemini-test",
    contents: "hi",
    config: { tools: [{ functionDeclarations: declarations as never }] },
  });
  const [body] = bodies as { tools?: { functionDeclarations?: unknown }[] }[];
  return body?.tools?.[0]?.functionDeclarations;
}

describe.each(readdirSync(CASES).sort())("case %s", (name) => {
  it("sends the Gemini declarations exactly as the toolset gives them", async () => {
    const module = pathToFileURL(join(CASES, name, "__output__", "input.typecall.ts")).href;
    const { toolset } = (await import(module)) as { toolset: { schemas(d: "gemini"): unknown[] } };
    const declarations = toolset.schemas("gemini");
    expect(await sent(toolset.schemas("gemini"))).toEqual(declarations);
  });
});

describe("BFCL corpus", () => {
  it("sends every module's Gemini declarations exactly as the toolset gives them", async () => {
    const { modules } = await loadCorpusTools(join(HERE, ".differential", "gemini-corpus"));
    expect(modules.length).toBeGreaterThan(20);
    for (const path of modules) {
      const { toolset } = (await import(pathToFileURL(path).href)) as {
        toolset: { schemas(d: "gemini"): unknown[] };
      };
      expect(await sent(toolset.schemas("gemini"))).toEqual(toolset.schemas("gemini"));
    }
  });
});

describe("the OpenAPI spelling", () => {
  it("is used where it is exact, and JSON Schema elsewhere", async () => {
    const module = pathToFileURL(join(CASES, "basic", "__output__", "input.typecall.ts")).href;
    const { toolset } = (await import(module)) as { toolset: { schemas(d: "gemini"): object[] } };
    const kinds = toolset
      .schemas("gemini")
      .map((d) => ("parameters" in d ? "parameters" : "parametersJsonSchema" in d ? "json" : "none"));
    expect(kinds).toContain("parameters");
  });
});
