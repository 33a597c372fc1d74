/**
 * (d) typecall against its peers on one small call, in one process: zod 4 and valibot 1, each used
 * the way an app would use it in a hand-written handler (JSON.parse, safeParse with a strict object
 * schema written to mirror the tool's signature, call, JSON.stringify; for invalid arguments, the
 * feedback text built from the library's issues). Every subject is a ratio against the same floor
 * as (a): the hand-written handler with no validation, on the valid call.
 */
import * as v from "valibot";
import * as z from "zod";
import type * as fixtureTools from "./fixtures/tools.ts";
import type { toolset as fixtureToolset } from "./fixtures/tools.typecall.ts";
import { type Comparison, compareEach } from "./measure.ts";

type Tools = typeof fixtureTools;
type Toolset = typeof fixtureToolset;

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
 * Runs (d). Before timing, checks that every subject answers as it should (the valid call gives the
 * floor's content, the invalid one a feedback text naming both arguments), so a broken subject
 * cannot look fast.
 */
export async function benchPeers(
  toolset: Toolset,
  tools: Tools,
  { batch, rounds, warmup }: { batch: number; rounds: number; warmup: number },
): Promise<PeerResults> {
  const floorHandler = handWrittenHandler(tools);
  const handlers = { zod: zodHandler(tools), valibot: valibotHandler(tools) };
  const expected = await floorHandler(VALID_CALL);
  const typecallValid = await toolset.dispatch(VALID_CALL);
  const typecallInvalid = await toolset.dispatch(INVALID_CALL);
  const answers = {
    typecall: [
      typecallValid.ok ? typecallValid.content : "",
      typecallInvalid.ok ? "" : typecallInvalid.content,
    ],
    zod: [await handlers.zod(VALID_CALL), await handlers.zod(INVALID_CALL)],
    valibot: [await handlers.valibot(VALID_CALL), await handlers.valibot(INVALID_CALL)],
  };
  for (const [peer, [valid, invalid]] of Object.entries(answers)) {
    if (valid !== expected) throw new Error(`${peer}: the valid call gave ${JSON.stringify(valid)}`);
    if (!invalid?.includes("city") || !invalid.includes("unit"))
      throw new Error(`${peer}: the invalid call's feedback misses an argument: ${JSON.stringify(invalid)}`);
  }

  // One loop written out per subject, not one shared helper: a shared `await step()` would collect
  // every subject's target in one call site's feedback and slow all of them alike.
  const { zod, valibot } = handlers;
  const floor = async () => {
    for (let i = 0; i < batch; i++) await floorHandler(VALID_CALL);
  };
  const options = { rounds, warmup };
  const valid = await compareEach(
    {
      typecall: async () => {
        for (let i = 0; i < batch; i++) {
          const outcome = await toolset.dispatch(VALID_CALL);
          if (!outcome.ok) throw new Error(outcome.content);
        }
      },
      zod: async () => {
        for (let i = 0; i < batch; i++) await zod(VALID_CALL);
      },
      valibot: async () => {
        for (let i = 0; i < batch; i++) await valibot(VALID_CALL);
      },
    },
    floor,
    options,
  );
  const invalid = await compareEach(
    {
      typecall: async () => {
        for (let i = 0; i < batch; i++) {
          const outcome = await toolset.dispatch(INVALID_CALL);
          if (outcome.ok || outcome.content.length === 0) throw new Error("the invalid call succeeded");
        }
      },
      zod: async () => {
        for (let i = 0; i < batch; i++) await zod(INVALID_CALL);
      },
      valibot: async () => {
        for (let i = 0; i < batch; i++) await valibot(INVALID_CALL);
      },
    },
    floor,
    options,
  );
  return { valid, invalid };
}
