/**
 * JSON objects, and texts that write them the way models do: single quotes, unquoted keys, Python
 * literals, trailing commas, comments, raw control characters in strings, a plus sign on a
 * number, a markdown fence, prose around. For the lenient parser's property tests: each text must
 * parse to its object, with exactly the repairs the writer made.
 */
import fc from "fast-check";

/** JSON objects whose strings hold no backtick (a fence inside a string is out of scope). */
export const jsonObject: fc.Arbitrary<Record<string, unknown>> = fc
  .letrec((tie) => ({
    key: fc.oneof(fc.constantFrom("city", "a", "$unit_2", "k1", "True", "None", "constructor"), fc.string()),
    value: fc.oneof(
      { depthSize: "small" },
      fc.constantFrom(null, true, false),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.string({
        unit: fc.oneof(
          fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
          fc.constantFrom("\\", "'", '"', "\n", "\t", "\u0001", "/", "*"),
        ),
      }),
      fc.array(tie("value"), { maxLength: 4 }),
      tie("object"),
    ),
    object: fc.dictionary(tie("key") as fc.Arbitrary<string>, tie("value"), { maxKeys: 4 }),
  }))
  .object.map((object) => JSON.parse(JSON.stringify(object).replaceAll("`", "'")) as Record<string, unknown>);

const PROSE_BEFORE = "Sure! Here are the arguments: ";
const PROSE_AFTER = " Let me know.";

/**
 * `object` written as a model might, each choice (a number below 100) taking or leaving one slip
 * the parser repairs; with the repairs it must report, in the order the parser meets them, and
 * where the object's closing brace is (`end`). Without `around`, no fence and no prose.
 */
export function sloppy(
  object: Record<string, unknown>,
  choices: readonly number[],
  around = true,
): { text: string; repairs: string[]; end: number } {
  const repairs = new Set<string>();
  let next = 0;
  const chance = (percent: number) => (choices[next++ % choices.length] as number) < percent;
  const blank = () => (chance(20) ? " " : "") + (chance(10) ? "\n\t" : "") + (chance(5) ? "\r\n" : "");
  const gap = () => {
    if (!chance(8)) return blank();
    repairs.add("comment");
    return chance(50) ? `${blank()}/* note */${blank()}` : `${blank()}// note\n`;
  };
  const quoted = (text: string) => {
    const quote = chance(30) ? "'" : '"';
    if (quote === "'") repairs.add("single quotes");
    let body = "";
    for (const char of text) {
      if (char === "\\" || char === quote) body += `\\${char}`;
      else if (char >= " ") body += char;
      else if (chance(50)) body += JSON.stringify(char).slice(1, -1);
      else {
        repairs.add("control character in a string");
        body += char;
      }
    }
    return `${quote}${body}${quote}`;
  };
  const key = (name: string) => {
    if (!/^[A-Za-z_$][\w$]*$/.test(name) || !chance(40)) return quoted(name);
    repairs.add("unquoted key");
    return name;
  };
  const list = (open: string, items: string[], close: string) => {
    const trailing = items.length > 0 && chance(20);
    if (trailing) repairs.add("trailing comma");
    return `${open}${items.join(",")}${trailing ? `,${gap()}` : ""}${close}`;
  };
  const write = (value: unknown): string => {
    if (value === null || typeof value === "boolean") {
      if (!chance(30)) return String(value);
      repairs.add("Python literal");
      return value === null ? "None" : value ? "True" : "False";
    }
    if (typeof value === "number") return (value >= 0 && chance(10) ? "+" : "") + JSON.stringify(value);
    if (typeof value === "string") return quoted(value);
    if (Array.isArray(value))
      return list(
        "[",
        value.map((item) => `${gap()}${write(item)}${gap()}`),
        "]",
      );
    const entries = Object.entries(value as object);
    return list(
      "{",
      entries.map(([name, item]) => `${gap()}${key(name)}${gap()}:${gap()}${write(item)}${gap()}`),
      "}",
    );
  };
  const fenced = around && chance(20);
  if (fenced) repairs.add("markdown fence");
  const before = around && chance(20) ? PROSE_BEFORE : "";
  if (before) repairs.add("text around the JSON");
  const json = write(object);
  const after = around && chance(20) ? PROSE_AFTER : "";
  if (after) repairs.add("text around the JSON");
  const text = fenced ? `${before}\`\`\`json\n${json}\n\`\`\`${after}` : `${before}${json}${after}`;
  return { text, repairs: [...repairs], end: text.lastIndexOf("}") };
}
