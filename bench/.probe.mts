import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { writeCorpus, sharedModule } from "./corpus.ts";
import { createEngine } from "../packages/typecall/src/engine/engine.ts";
const files = Number(process.argv[2] ?? 20);
const dir = join(import.meta.dirname, ".out", `inc-${files}`);
const entries = writeCorpus(dir, files, 10, true);
let t = performance.now();
const engine = createEngine({ entries });
const first = engine.run();
const cold = performance.now() - t;
console.log("cold", cold.toFixed(1), first.files.length, first.diagnostics.filter(d=>d.severity==="error").length);
const leaf = entries[0]!;
const text = readFileSync(leaf, "utf8");
for (let k = 1; k <= 5; k++) {
  writeFileSync(leaf, text.replace("does one useful thing.", `does one useful thing, edit ${k}.`));
  t = performance.now(); let r = engine.run([leaf]); const leafMs = performance.now() - t;
  writeFileSync(leaf, text.replace("  /** A label. */", `  /** A label, edit ${k}. */`));
  t = performance.now(); r = engine.run([leaf]); const typeMs = performance.now() - t;
  writeFileSync(join(dir, "shared.ts"), sharedModule(k));
  t = performance.now(); const s = engine.run([join(dir, "shared.ts")]); const sharedMs = performance.now() - t;
  console.log(`leaf ${leafMs.toFixed(1)} type ${typeMs.toFixed(1)} (${r.changedTools.length}) shared ${sharedMs.toFixed(1)} (${s.changedTools.length}, analysed ${s.analysed})`);
}
