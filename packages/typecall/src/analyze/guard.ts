/**
 * The guard's tags on a tool: `@approval`, `@maxArgumentsLength` and `@maxContentLength`. Each
 * misreading would weaken the guard without a sign (a misspelt `@Approval` is a tool that runs
 * unasked), so a tag typecall would not read is an error.
 */
import type { FunctionDoc } from "./jsdoc.ts";

/** The texts of a function's JSDoc a tag could hide in: its description, `@param` texts and tag texts. */
function docTexts(doc: FunctionDoc): string[] {
  return [doc.description, ...doc.params.values(), ...doc.blockTags.map((t) => t.text)];
}

/** `@Approval is not a tag typecall reads: write @approval, in lower case.` */
function misspeltMessage(written: string, tag: string): string {
  const cased = tag === tag.toLowerCase() ? "in lower case" : "with the capitals as here";
  const how = written.toLowerCase() === tag.toLowerCase() ? `write @${tag}, ${cased}` : `write @${tag}`;
  return `@${written} is not a tag typecall reads: ${how}.`;
}

function insideTextMessage(tag: string): string {
  return `@${tag} is written inside other text: start the line with it, so that it is read as a tag.`;
}

/** Whether the function is tagged `@approval`, or the message of a TC1014. */
export function approvalOf(doc: FunctionDoc): boolean | string {
  const misspelt = doc.blockTags.find(
    (t) => /^approv(e|es|ed|al|als)$/i.test(t.name) && t.name !== "approval",
  );
  if (misspelt) return misspeltMessage(misspelt.name, "approval");
  if (docTexts(doc).some((text) => /(^|\s)@approv(e|es|ed|al|als)\b/i.test(text)))
    return insideTextMessage("approval");
  const tags = doc.blockTags.filter((t) => t.name === "approval");
  const worded = tags.find((t) => t.text !== "");
  if (worded)
    return `@approval takes no text, and here it is followed by "${shortText(worded.text)}": write @approval alone on its line, and the tool's text above the tags.`;
  return tags.length > 0;
}

/** The length limits a tool may set, each with the least the runtime takes (as for the toolset's options). */
const LENGTH_TAGS = [
  { tag: "maxArgumentsLength", least: 2, spelling: /^max(arguments?|args?)length$/i, example: 20_000 },
  { tag: "maxContentLength", least: 100, spelling: /^maxcontents?length$/i, example: 5000 },
] as const;

/** The tool's length limits in characters, or the message of a TC1018. */
export function lengthLimitsOf(
  doc: FunctionDoc,
): { maxArgumentsLength?: number; maxContentLength?: number } | string {
  const limits: { maxArgumentsLength?: number; maxContentLength?: number } = {};
  for (const { tag, least, spelling, example } of LENGTH_TAGS) {
    const misspelt = doc.blockTags.find((t) => spelling.test(t.name) && t.name !== tag);
    if (misspelt) return misspeltMessage(misspelt.name, tag);
    const text = doc.tags.get(tag);
    if (text === undefined) continue;
    if (text === "") return `@${tag} names no length: write the most characters, like @${tag} ${example}.`;
    const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(value))
      return `@${tag} ${shortText(text)}: not a whole number of characters; write digits only, like @${tag} ${example}.`;
    if (value < least) return `@${tag} ${text}: the least is ${least} characters.`;
    limits[tag] = value;
  }
  return limits;
}

/** A tag's text as a message quotes it: its first line, at most 40 characters. */
function shortText(text: string): string {
  const line = text.split("\n")[0] ?? "";
  return line.length > 40 || text.includes("\n") ? `${line.slice(0, 40)}…` : line;
}
