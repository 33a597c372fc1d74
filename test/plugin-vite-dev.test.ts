/**
 * The plugin in a vite dev server, driven through the real file system's events: an edit of a
 * tool's JSDoc reaches the next `ssrLoadModule` (of the `?tools` module and of the generated file)
 * without a restart; an edit that breaks the module shows its error (the overlay's channel) while
 * the server keeps serving the last good toolset, as a file and as `?tools`; fixing it recovers.
 */
import { createServer as createNetServer } from "node:net";
import typecallVite from "typecall/vite";
import { createServer, type ViteDevServer } from "vite";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createPluginProject, type PluginProject, SOURCE_CONDITIONS } from "./plugin-project.ts";

let project: PluginProject;
let server: ViteDevServer;
const sent: { type: string; err?: { message: string } }[] = [];

/** A free port for the HMR socket, so that nothing here waits on vite's default. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer().listen(0, () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

beforeAll(async () => {
  project = createPluginProject();
  server = await createServer({
    root: project.dir,
    configFile: false,
    logLevel: "silent",
    appType: "custom",
    server: { middlewareMode: true, hmr: { port: await freePort() } },
    plugins: [typecallVite({ entries: ["weather.ts"] })],
    resolve: { conditions: SOURCE_CONDITIONS },
    optimizeDeps: { noDiscovery: true },
    ssr: { noExternal: true, resolve: { conditions: SOURCE_CONDITIONS } },
  });
  // What the browser would be sent: the plugin's errors (server.ws) and vite's updates (the client's hot channel).
  for (const channel of new Set([server.ws, server.environments.client.hot])) {
    const send = channel.send.bind(channel) as (payload: unknown) => void;
    channel.send = ((payload: { type: string }) => {
      sent.push(payload);
      send(payload);
    }) as typeof channel.send;
  }
});

afterAll(async () => {
  await server.close();
  project.remove();
});

interface ToolsetModule {
  toolset: { get(name: string): { description: string } | undefined };
}

const description = async (id: string): Promise<string | undefined> =>
  ((await server.ssrLoadModule(project.path(id))) as ToolsetModule).toolset.get("getWeather")?.description;

/** Retries `check` until it passes: the watcher's events take a moment. */
async function eventually(check: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

const WEATHER = () => project.read("weather.ts");

it("an edit of a tool's JSDoc reaches the next load, without a restart", async () => {
  expect(await description("weather.ts?tools")).toBe("Current weather for a city.");
  expect(await description("weather.typecall.ts")).toBe("Current weather for a city.");
  project.write(
    "weather.ts",
    WEATHER().replace("Current weather for a city.", "The weather now, in a city."),
  );
  await eventually(async () => {
    expect(await description("weather.ts?tools")).toBe("The weather now, in a city.");
    expect(await description("weather.typecall.ts")).toBe("The weather now, in a city.");
  });
});

it("an edit of a type the tool imports reaches it too", async () => {
  project.write("units.ts", project.read("units.ts").replace("A temperature unit.", "A unit."));
  project.write("units.ts", `${project.read("units.ts")}\n/** Celsius. */\nexport type Celsius = "c";\n`);
  await eventually(async () => {
    const loaded = (await server.ssrLoadModule(project.path("weather.ts?tools"))) as {
      toolset: { schemas(dialect: string): { parameters?: unknown; input_schema?: unknown }[] };
    };
    expect(JSON.stringify(loaded.toolset.schemas("anthropic"))).toContain("A unit.");
  });
});

it("serves a browser's first request of a `?tools` URL, which starts at the root", async () => {
  // Before any module imports it: nothing in the module graph says where `/weather.ts` is.
  const code = (await server.environments.client.transformRequest("/weather.ts?tools"))?.code ?? "";
  expect(code).toContain('"getWeather"');
});

it("the browser's modules over `?tools` reload through HMR after an edit of a type the tool imports", async () => {
  // What a browser would have fetched: the app, and the toolset it imports.
  await server.environments.client.transformRequest("/main-virtual.ts");
  await server.environments.client.transformRequest("/weather.ts?tools");
  const before = sent.length;
  project.write("units.ts", project.read("units.ts").replace("A unit.", "A unit, in the browser."));
  await eventually(async () => {
    const reloads = sent.slice(before).filter((p) => p.type === "update" || p.type === "full-reload");
    expect(reloads.length).toBeGreaterThan(0);
  });
  const code = (await server.environments.client.transformRequest(`/weather.ts?tools`))?.code ?? "";
  expect(code).toContain("A unit, in the browser.");
});

it("an error shows, the server survives with the last good file, and a fix recovers", async () => {
  const good = WEATHER();
  project.write(
    "weather.ts",
    `${good}\n/** Calls back. */\nexport function later(done: () => void): void {\n  done();\n}\n`,
  );
  await eventually(async () => {
    expect(sent.some((p) => p.type === "error" && /error TC\d+/.test(p.err?.message ?? ""))).toBe(true);
  });
  // The app keeps its last good toolset, over the generated file and over `?tools`, until the fix.
  expect(await description("weather.typecall.ts")).toBe("The weather now, in a city.");
  const before = sent.length;
  expect(await description("weather.ts?tools")).toBe("The weather now, in a city.");
  expect(sent.slice(before).some((p) => p.type === "error" && /error TC\d+/.test(p.err?.message ?? ""))).toBe(
    true,
  );

  project.write("weather.ts", good.replace("The weather now, in a city.", "Weather, fixed."));
  await eventually(async () => {
    expect(await description("weather.ts?tools")).toBe("Weather, fixed.");
    expect(await description("weather.typecall.ts")).toBe("Weather, fixed.");
  });
});
