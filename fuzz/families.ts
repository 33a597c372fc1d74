/**
 * Input families whose cost the fuzzer measures at sizes 1x, 10x and 100x: each builds, for a size
 * n, one call to one tool of one generated toolset. A family grows one dimension of the input
 * (nesting depth, closing brackets, digits, keys, name length, union depth) and keeps the rest
 * fixed, so that the cost ratio between sizes shows how that dimension is handled.
 */

/** A call the fuzzer can build at any size. */
export interface Family {
  /** Short stable id, for `--family` and reports. */
  readonly id: string;
  /** What grows, as the report prints it. */
  readonly label: string;
  /** The subject (`quickstart`, a codegen case, `unions`) and tool the call goes to. */
  readonly subject: string;
  readonly tool: string;
  /** n at 1x; 10x and 100x multiply it. */
  readonly base: number;
  /** What n counts. */
  readonly unit: string;
  /** The call at size n. */
  build(n: number): { readonly name: string; readonly arguments: string };
}

const call = (name: string, text: string) => ({ name, arguments: text });

/** A chain of `n` union members built from the innermost `leaf` outwards by `wrap(level, inner)`. */
function chain(n: number, leaf: string, wrap: (level: number, inner: string) => string): string {
  let text = leaf;
  for (let level = 0; level < n; level++) text = wrap(level, text);
  return text;
}

/** A deterministic JSON-ish text of n characters (a linear congruential generator, seed 7). */
function noise(n: number): string {
  const alphabet = "{}[]:,\"' abc123.-eE\\/*\ntruenull";
  let state = 7;
  let text = "";
  for (let i = 0; i < n; i++) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    text += alphabet[state % alphabet.length];
  }
  return text;
}

const keys = (n: number, format: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => format(i)).join(",");

/** Every family, in report order. */
export const FAMILIES: readonly Family[] = [
  // `objects` only counts keys: the cost measured is the runtime's, not the tool's (storeMeta's
  // JSON.stringify of its argument is itself quadratic in nesting depth).
  family("deep-arrays", "arrays nested n deep in any object", "edge-types", "objects", 100, "levels", (n) =>
    call("objects", `{"none":{},"empty":{},"anything":{"a":${"[".repeat(n)}${"]".repeat(n)}}}`),
  ),
  family(
    "deep-cut",
    'objects nested n deep, cut off: {"a":{"a":...',
    "edge-types",
    "objects",
    100,
    "levels",
    (n) => call("objects", `{"none":{},"empty":{},"anything":${'{"a":'.repeat(n)}`),
  ),
  family("deep-folders", "a recursive Folder n deep", "recursive", "countFolders", 100, "levels", (n) =>
    call("countFolders", `{"root":${'{"name":"n","children":['.repeat(n)}${"]}".repeat(n)}}`),
  ),
  family(
    "closing-brackets",
    "{'meta':[ + [],×n + ]} (lenient repair)",
    "types",
    "storeMeta",
    600,
    "brackets",
    (n) => call("storeMeta", `{'meta':[${"[],".repeat(n)}]}`),
  ),
  family(
    "digit-run",
    'a string of n digits then x for a number: "maxPrice":"999…9x"',
    "quickstart",
    "searchHotels",
    800,
    "digits",
    (n) => call("searchHotels", `{"city":"Paris","maxPrice":"${"9".repeat(n)}x"}`),
  ),
  family(
    "unknown-keys",
    "n unknown keys beside a valid call",
    "quickstart",
    "getWeather",
    1_000,
    "keys",
    (n) => call("getWeather", `{"city":"Paris",${keys(n, (i) => `"k${i}":${i}`)}}`),
  ),
  family(
    "unquoted-keys",
    "n unquoted unknown keys (lenient repair)",
    "quickstart",
    "getWeather",
    1_000,
    "keys",
    (n) => call("getWeather", `{city:"Paris",${keys(n, (i) => `k${i}:${i}`)}}`),
  ),
  family(
    "invalid-items",
    'n wrong guests: "guests":[{"name":1},…] (n issues)',
    "quickstart",
    "bookRoom",
    100,
    "items",
    (n) =>
      call(
        "bookRoom",
        `{"hotelId":"h","checkIn":"2026-12-01","nights":1,"guests":[${keys(n, () => '{"name":1}')}]}`,
      ),
  ),
  family(
    "many-items",
    "an array of n valid enum strings",
    "quickstart",
    "searchHotels",
    1_000,
    "items",
    (n) => call("searchHotels", `{"city":"Paris","amenities":[${keys(n, () => '"wifi"')}]}`),
  ),
  // Sensitive values are masked by value in every text the call writes: one scan per value, and
  // past 100 values the call's text is withheld whole.
  family(
    "sensitive-long",
    "a sensitive value of n characters, echoed in the result",
    "guard",
    "bookTrip",
    10_000,
    "characters",
    (n) =>
      call(
        "bookTrip",
        `{"travellers":[],"pin":"${"p".repeat(n)}","stops":[{"city":"a","doorCode":"d"},{"city":"b"}]}`,
      ),
  ),
  family(
    "sensitive-items",
    "n travellers, each with a sensitive card number",
    "guard",
    "bookTrip",
    30,
    "travellers",
    (n) =>
      call(
        "bookTrip",
        `{"travellers":[${keys(n, (i) => `{"name":"t${i}","cards":[{"number":"4111${i}","cvc":"${i}","holder":"h"}]}`)}],"pin":"1234","stops":[{"city":"a","doorCode":"d"},{"city":"b"}]}`,
      ),
  ),
  family(
    "long-string",
    "a valid string of n characters",
    "quickstart",
    "getWeather",
    10_000,
    "characters",
    (n) => call("getWeather", `{"city":"${"y".repeat(n)}"}`),
  ),
  family(
    "long-quoted",
    "a single-quoted string of n characters (lenient repair)",
    "quickstart",
    "getWeather",
    10_000,
    "characters",
    (n) => call("getWeather", `{'city':'${"y".repeat(n)}'}`),
  ),
  family(
    "prose",
    "n characters of prose before the JSON",
    "quickstart",
    "getWeather",
    1_000,
    "characters",
    (n) => call("getWeather", `${"Sure. ".repeat(Math.ceil(n / 6)).slice(0, n)}{"city":"Paris"}`),
  ),
  family("noise", "n characters of JSON-ish noise", "quickstart", "searchHotels", 1_000, "characters", (n) =>
    call("searchHotels", noise(n)),
  ),
  family(
    "tool-name",
    "an unknown tool name of n characters (did-you-mean search)",
    "quickstart",
    "(unknown)",
    10_000,
    "characters",
    (n) => call(`getWeathe${"r".repeat(n - 9)}`, "{}"),
  ),
  family(
    "union-tagged",
    "a tagged union chain n deep, valid: {kind:a|b, next}",
    "unions",
    "countChain",
    4,
    "levels",
    (n) =>
      call(
        "countChain",
        `{"chain":${chain(n, "null", (i, inner) => `{"kind":"${i % 2 ? "a" : "b"}","next":${inner}}`)}}`,
      ),
  ),
  family(
    "union-tagged-bad",
    "a tagged union chain n deep, invalid leaf",
    "unions",
    "countChain",
    4,
    "levels",
    (n) =>
      call(
        "countChain",
        `{"chain":${chain(n, '"x"', (i, inner) => `{"kind":"${i % 2 ? "a" : "b"}","next":${inner}}`)}}`,
      ),
  ),
  family(
    "union-keys-bad",
    "an untagged tree n deep ({left} | {right}), invalid leaf",
    "unions",
    "treeDepth",
    4,
    "levels",
    (n) =>
      call(
        "treeDepth",
        `{"tree":${chain(n, '"x"', (i, inner) => `{"${i % 2 ? "left" : "right"}":${inner}}`)}}`,
      ),
  ),
  family(
    "union-untagged-bad",
    "an untagged list n deep ({value: string|number, next}), invalid leaf",
    "unions",
    "sumCells",
    4,
    "levels",
    (n) =>
      call(
        "sumCells",
        `{"list":${chain(n, '"x"', (i, inner) => `{"value":${i % 2 ? 1 : '"s"'},"next":${inner}}`)}}`,
      ),
  ),
  family(
    "expr-bad",
    'a discriminated Expr n deep ({op:"add",args:[…]}), invalid leaf',
    "recursive",
    "evaluate",
    4,
    "levels",
    (n) =>
      call(
        "evaluate",
        `{"expr":${chain(n, '{"op":"num","value":"x"}', (_, inner) => `{"op":"add","args":[${inner}]}`)}}`,
      ),
  ),
];

function family(
  id: string,
  label: string,
  subject: string,
  tool: string,
  base: number,
  unit: string,
  build: Family["build"],
): Family {
  return { id, label, subject, tool, base, unit, build };
}
