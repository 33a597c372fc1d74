/**
 * One subject of bench (a) and (d) in a process of its own, started by bench/peers.ts:
 *
 *   node --import tsx bench/peer-child.ts <floor|typecall|zod|valibot> <batch>
 *
 * It first checks that its subject answers as it should, then sends "ready" (or what is wrong);
 * each "valid" or "invalid" message runs one round of `batch` calls and answers with its duration
 * in milliseconds. Only the subject's own code is loaded: the typecall fixture for typecall alone.
 */
import * as tools from "./fixtures/tools.ts";
import {
  handWrittenHandler,
  INVALID_CALL,
  type ModelCall,
  type RoundRequest,
  SUBJECTS,
  type Subject,
  VALID_CALL,
  valibotHandler,
  zodHandler,
} from "./peers.ts";

type Loops = Partial<Record<RoundRequest, () => Promise<void>>>;

const subject = process.argv[2] as Subject;
const batch = Number(process.argv[3]);
const send = (message: unknown) => process.send?.(message);

/** The content the floor gives the valid call: what every subject must give it. */
const expected = await handWrittenHandler(tools)(VALID_CALL);

/** Why a subject's answers are wrong, or "" when they are right. */
function answerProblem(valid: string, invalid: string | undefined): string {
  if (valid !== expected) return `the valid call gave ${JSON.stringify(valid)}`;
  if (invalid !== undefined && !(invalid.includes("city") && invalid.includes("unit")))
    return `the invalid call's feedback misses an argument: ${JSON.stringify(invalid)}`;
  return "";
}

/** The rounds of a hand-written handler (a process has one subject, so one loop serves them all). */
async function handlerLoops(
  handle: (call: ModelCall) => Promise<string>,
  validates: boolean,
): Promise<{ loops: Loops; problem: string }> {
  const loops: Loops = {
    valid: async () => {
      for (let i = 0; i < batch; i++) await handle(VALID_CALL);
    },
    ...(validates && {
      invalid: async () => {
        for (let i = 0; i < batch; i++) await handle(INVALID_CALL);
      },
    }),
  };
  const invalid = validates ? await handle(INVALID_CALL) : undefined;
  return { loops, problem: answerProblem(await handle(VALID_CALL), invalid) };
}

async function loopsOf(which: Subject): Promise<{ loops: Loops; problem: string }> {
  switch (which) {
    case "floor":
      return handlerLoops(handWrittenHandler(tools), false);
    case "zod":
      return handlerLoops(zodHandler(tools), true);
    case "valibot":
      return handlerLoops(valibotHandler(tools), true);
    case "inline": {
      const loops: Loops = {
        valid: async () => {
          for (let i = 0; i < batch; i++) {
            const args = JSON.parse(VALID_CALL.arguments) as { city: string; unit?: "c" | "f" };
            JSON.stringify(await tools.weatherNow(args.city, args.unit));
          }
        },
      };
      const args = JSON.parse(VALID_CALL.arguments) as { city: string; unit?: "c" | "f" };
      return {
        loops,
        problem: answerProblem(JSON.stringify(await tools.weatherNow(args.city, args.unit)), undefined),
      };
    }
    case "typecall": {
      const { toolset } = await import("./fixtures/tools.typecall.ts");
      const valid = await toolset.dispatch(VALID_CALL);
      const invalid = await toolset.dispatch(INVALID_CALL);
      const loops: Loops = {
        valid: async () => {
          for (let i = 0; i < batch; i++) {
            const outcome = await toolset.dispatch(VALID_CALL);
            if (!outcome.ok) throw new Error(outcome.content);
          }
        },
        invalid: async () => {
          for (let i = 0; i < batch; i++) {
            const outcome = await toolset.dispatch(INVALID_CALL);
            if (outcome.ok || outcome.content.length === 0) throw new Error("the invalid call succeeded");
          }
        },
      };
      const problem = !valid.ok
        ? valid.content
        : invalid.ok
          ? "the invalid call succeeded"
          : answerProblem(valid.content, invalid.content);
      return { loops, problem };
    }
  }
}

if (!SUBJECTS.includes(subject) || !(batch > 0)) {
  send(`usage: peer-child.ts <${SUBJECTS.join("|")}> <batch>`);
} else {
  const { loops, problem } = await loopsOf(subject);
  process.on("message", async (request: RoundRequest) => {
    const loop = loops[request];
    if (loop === undefined) return send(`${subject} has no ${request} round`);
    try {
      const t = performance.now();
      await loop();
      send(performance.now() - t);
    } catch (error) {
      send(`${subject}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  send(problem === "" ? "ready" : `${subject}: ${problem}`);
}
