/**
 * (d) typecall against its peers on one small call: zod 4 and valibot 1, each used the way an app
 * would use it in a hand-written handler (JSON.parse, safeParse with a strict object schema written
 * to mirror the tool's signature, call, JSON.stringify; for invalid arguments, the feedback text
 * built from the library's issues). Every subject is a ratio against the same floor as (a): the
 * hand-written handler with no validation, on the valid call.
 *
 * Each subject runs in processes of its own (bench/peer-child.ts), as in an app, which has one of
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

/**
 * The subjects of (a) and (d), each one process: the floor, the floor's three steps inlined in the
 * benchmark loop (no function boundary at all), and the three that validate.
 */
export const SUBJECTS = ["floor", "inline", "typecall", "zod", "valibot"] as const;
export type Subject = (typeof SUBJECTS)[number];

/** What a subject's process is asked for: a round of `batch` calls, valid or invalid. */
export type RoundRequest = "valid" | "invalid";

const CHILD = fileURLToPath(new URL("./peer-child.ts", import.meta.url));

/** The next message of a child process; a process that exits first fails the bench. */
function nextMessage(child: ChildProcess, what: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`bench: ${what}: the process exited (${code})`));
    child.once("exit", onExit);
    child.once("message", (message) => {
      child.off("exit", onExit);
      resolve(message);
    });
  });
}

/** A subject's process, ready for rounds (it checked its answers first). */
async function startSubject(subject: Subject, batch: number): Promise<ChildProcess> {
  // The child runs as this process does (`--import tsx`, no source condition: the published runtime).
  const child = fork(CHILD, [subject, String(batch)], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const first = await nextMessage(child, `starting ${subject}`).catch((error: unknown) => error);
  if (first === "ready") return child;
  child.kill();
  throw first instanceof Error ? first : new Error(`bench: ${String(first)}`);
}

/** A round run in a subject's process, timed there; a process that fails or dies fails the bench. */
function roundIn(child: ChildProcess, request: RoundRequest): Round {
  return async () => {
    const answer = nextMessage(child, `a ${request} round`);
    child.send(request);
    const ms = await answer;
    if (typeof ms !== "number") throw new Error(`bench: ${String(ms)}`);
    return ms;
  };
}

/** The subjects' processes, each ready for rounds. */
export interface SubjectProcesses {
  round(subject: Subject, request: RoundRequest): Round;
  stop(): void;
}

/**
 * Starts `copies` processes per subject; each first checks that its subject answers as it should
 * (the valid call gives the floor's content, the invalid one a feedback text naming both
 * arguments), so a broken subject cannot look fast. A subject's rounds go to its processes in
 * turn: the code the engine settles on differs from one process to the next, and one process
 * would make that luck the subject's figure.
 */
export async function startSubjects(batch: number, copies: number): Promise<SubjectProcesses> {
  const started = await Promise.allSettled(
    SUBJECTS.flatMap((subject) => Array.from({ length: copies }, () => startSubject(subject, batch))),
  );
  const children = started.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
  const failed = started.find((result) => result.status === "rejected");
  if (failed !== undefined) {
    // The others would keep this process alive.
    for (const child of children) child.kill();
    throw failed.reason;
  }
  const next = new Map<string, number>();
  return {
    round: (subject, request) => () => {
      const key = `${subject} ${request}`;
      const turn = next.get(key) ?? 0;
      next.set(key, turn + 1);
      const child = children[SUBJECTS.indexOf(subject) * copies + (turn % copies)] as ChildProcess;
      return roundIn(child, request)();
    },
    stop: () => {
      for (const child of children) child.kill();
    },
  };
}

/** Runs (d) in the subjects' processes: the valid and the invalid call, each against the floor. */
export async function benchPeers(
  processes: SubjectProcesses,
  options: { rounds: number; warmup: number },
): Promise<PeerResults> {
  const subjects = (request: RoundRequest) => ({
    typecall: processes.round("typecall", request),
    zod: processes.round("zod", request),
    valibot: processes.round("valibot", request),
  });
  const floor = processes.round("floor", "valid");
  const valid = await compareEach(subjects("valid"), floor, options);
  const invalid = await compareEach(subjects("invalid"), floor, options);
  return { valid, invalid };
}
