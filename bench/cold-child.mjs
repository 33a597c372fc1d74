// One cold start, in a fresh Node process started by bench/cold-start.ts. Node's own start-up is
// not timed: the clock runs from just before the dynamic import to just after the last use.
//
//   node bench/cold-child.mjs typecall <bundle.mjs> <calls.json>   import, then a first call of every tool
//   node bench/cold-child.mjs baseline <schemas.mjs>               import, then read every tool's schema
//
// Prints `{"ms":..., "tools":...}`; exits 1 when a call fails, so a broken run cannot look fast.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [mode, modulePath, callsPath] = process.argv.slice(2);
const url = pathToFileURL(modulePath).href;

if (mode === "typecall") {
  const calls = JSON.parse(readFileSync(callsPath, "utf8"));
  const start = performance.now();
  const module = await import(url);
  const failures = [];
  for (const call of calls) {
    const outcome = await module[call.toolset].dispatch({ name: call.name, arguments: call.arguments });
    if (!outcome.ok) failures.push(`${call.name}: ${outcome.content}`);
  }
  const ms = performance.now() - start;
  if (failures.length > 0) {
    process.stderr.write(`${failures.length} calls failed; the first: ${failures[0]}\n`);
    process.exit(1);
  }
  process.stdout.write(JSON.stringify({ ms, tools: calls.length }));
} else if (mode === "baseline") {
  const start = performance.now();
  const module = await import(url);
  let tools = 0;
  for (const tool of Object.values(module.default)) if (tool.parameters.type === "object") tools++;
  const ms = performance.now() - start;
  process.stdout.write(JSON.stringify({ ms, tools }));
} else {
  process.stderr.write(`unknown mode ${mode}\n`);
  process.exit(2);
}
