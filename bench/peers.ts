/**
 * (d) typecall against its peers on one small call: zod 4 and valibot 1, each used the way an app
 * would use it in a hand-written handler (JSON.parse, safeParse with a strict object schema written
 * to mirror the tool's signature, call, JSON.stringify; for invalid arguments, the feedback text
 * built from the library's issues). Every subject is a ratio against the same floor as (a): the
 * hand-written handler with no validation, on the valid call.
 *
 * Each subject runs in a process of its own (bench/peer-child.ts), as in an app, which has one of
 * them; the rounds are still interleaved, so they share the machine's noise. In one process the
 * subjects shared the tool function, the call object and the engine's feedback about them, and
 * what one left there changed the code the next one ran: zod, which does all the floor does and
 * validates besides, measured 0.99 of the floor.
 */
import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import * as v from "valibot";
import * as z from "zod";
import type * as fixtureTools from "./fixtures/tools.ts";
import { type Comparison, compareEach, type Round } from "./measure.ts";

type Tools = typeof fixtureTools;

/** A call as a model sends it: the tool's name and its arguments as JSON text. */
export interface ModelCall {
  readonly name: string;
  readonly arguments: string;
}

/** The small valid call of (a) and (d). */
export const VALID_CALL: ModelCall = { name: "weatherNow", arguments: '{"city":"Paris","unit":"f"}' };
/** The same tool called with both arguments wrong: a number for `city`, an unknown unit. */
export const INVALID_CALL: ModelCall = { name: "weatherNow", arguments: '{"city":42,"unit":"x"}' };

/** The floor, as an app would write its handler by hand: JSON.parse, call, JSON.stringify. */
export function handWrittenHandler(tools: Tools): (call: ModelCall) => Promise<string> {
  return async (call) => {
    const args = JSON.parse(call.arguments) as { city: string; unit?: "c" | "f" };
    return JSON.stringify(await tools.weatherNow(args.city, args.unit));
  };
}

/** The tool's signature `(city: string, unit: "c" | "f" = "c")` as a zod schema; unknown keys rejected. */
const zodArgs = z.strictObject({ city: z.string(), unit: z.enum(["c", "f"]).optional() });

/** The same schema in valibot. */
const valibotArgs = v.strictObject({ city: v.string(), unit: v.optional(v.picklist(["c", "f"])) });

/** A zod handler as a user would write it: the feedback is zod's own pretty text under a heading. */
export function zodHandler(tools: Tools): (call: ModelCall) => Promise<string> {
  return async (call) => {
    const parsed = zodArgs.safeParse(JSON.parse(call.arguments));
    if (!parsed.success)
      return `Invalid arguments for tool "${call.name}":\n${z.prettifyError(parsed.error)}`;
    return JSON.stringify(await tools.weatherNow(parsed.data.city, parsed.data.unit));
  };
}

/** The valibot handler: the feedback is valibot's `summarize` of the issues under a heading. */
export function valibotHandler(tools: Tools): (call: ModelCall) => Promise<string> {
  return async (call) => {
    const parsed = v.safeParse(valibotArgs, JSON.parse(call.arguments));
    if (!parsed.success) return `Invalid arguments for tool "${call.name}":\n${v.summarize(parsed.issues)}`;
    return JSON.stringify(await tools.weatherNow(parsed.output.city, parsed.output.unit));
  };
}

/** Ratios against the floor, for the valid and the invalid call. */
export interface PeerResults {
  valid: Record<"typecall" | "zod" | "valibot", Comparison>;
  invalid: Record<"typecall" | "zod" | "valibot", Comparison>;
}

/** The subjects of (d), each one process: the floor and the three that validate. */
export const SUBJECTS = ["floor", "typecall", "zod", "valibot"] as const;
export type Subject = (typeof SUBJECTS)[number];

/** What a subject's process is asked for: a round of `batch` calls, valid or invalid. */
export type RoundRequest = "valid" | "invalid";

const CHILD = fileURLToPath(new URL("./peer-child.ts", import.meta.url));

/** A subject's process, ready for rounds (it checked its answers first). */
async function startSubject(subject: Subject, batch: number): Promise<ChildProcess> {
  // The child runs as this process does (`--import tsx`, no source condition: the published runtime).
  const child = fork(CHILD, [subject, String(batch)], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const first = await new Promise<unknown>((resolve, reject) => {
    const onExit = (code: number | null) =>
      reject(new Error(`(d) ${subject}: the process exited (${code}) before it was ready`));
    child.once("exit", onExit);
    child.once("message", (message) => {
      child.off("exit", onExit);
      resolve(message);
    });
  });
  if (first !== "ready") throw new Error(`(d) ${subject}: ${String(first)}`);
  return child;
}

/** A round run in a subject's process, timed there; a process that fails or dies fails the bench. */
function roundIn(child: ChildProcess, request: RoundRequest): Round {
  return () =>
    new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`(d): a subject's process exited (${code})`));
      child.once("exit", onExit);
      child.once("message", (ms) => {
        child.off("exit", onExit);
        if (typeof ms === "number") resolve(ms);
        else reject(new Error(`(d) ${String(ms)}`));
      });
      child.send(request);
    });
}

/**
 * Runs (d): starts one process per subject, each of which first checks that its subject answers as
 * it should (the valid call gives the floor's content, the invalid one a feedback text naming both
 * arguments), so a broken subject cannot look fast; then times interleaved rounds in them.
 */
export async function benchPeers({
  batch,
  rounds,
  warmup,
}: {
  batch: number;
  rounds: number;
  warmup: number;
}): Promise<PeerResults> {
  const children = await Promise.all(SUBJECTS.map((subject) => startSubject(subject, batch)));
  const processes = Object.fromEntries(SUBJECTS.map((subject, i) => [subject, children[i]])) as Record<
    Subject,
    ChildProcess
  >;
  const subjects = (request: RoundRequest) => ({
    typecall: roundIn(processes.typecall, request),
    zod: roundIn(processes.zod, request),
    valibot: roundIn(processes.valibot, request),
  });
  try {
    const floor = roundIn(processes.floor, "valid");
    const valid = await compareEach(subjects("valid"), floor, { rounds, warmup });
    const invalid = await compareEach(subjects("invalid"), floor, { rounds, warmup });
    return { valid, invalid };
  } finally {
    for (const child of children) child.kill();
  }
}
