/**
 * Hostile approval tokens: each a named change of a real token (minted by the toolset under test)
 * or a value that is no token, given the real token and one signed with another secret. Every one
 * must be refused (`denied`), never thrown on, and its tool must not run.
 */
import { revokedProxy, type Specimen, specimen, trapAll } from "./hostile-values.ts";

/** A real token, and one for the same call signed with another secret. */
export interface Minted {
  readonly token: string;
  readonly foreign: string;
}

/** Flips the character at `index` of `text` to another base64url character. */
function flip(text: string, index: number): string {
  const at = ((index % text.length) + text.length) % text.length;
  const swapped = text[at] === "A" ? "B" : "A";
  return `${text.slice(0, at)}${swapped}${text.slice(at + 1)}`;
}

const parts = (token: string) => token.split(".") as [string, string];

export const HOSTILE_TOKENS: readonly Specimen<(minted: Minted) => unknown>[] = [
  specimen("a payload character changed", () => ({ token }: Minted) => {
    const [payload, signature] = parts(token);
    return `${flip(payload, 5)}.${signature}`;
  }),
  specimen("the last payload character changed", () => ({ token }: Minted) => {
    const [payload, signature] = parts(token);
    return `${flip(payload, -1)}.${signature}`;
  }),
  specimen("a signature character changed", () => ({ token }: Minted) => {
    const [payload, signature] = parts(token);
    return `${payload}.${flip(signature, 3)}`;
  }),
  specimen(
    "the signature cut short",
    () =>
      ({ token }: Minted) =>
        token.slice(0, -4),
  ),
  specimen(
    "the payload alone",
    () =>
      ({ token }: Minted) =>
        parts(token)[0],
  ),
  specimen(
    "the payload with a signature of another secret",
    () =>
      ({ token, foreign }: Minted) =>
        `${parts(token)[0]}.${parts(foreign)[1]}`,
  ),
  specimen(
    "signed with another secret",
    () =>
      ({ foreign }: Minted) =>
        foreign,
  ),
  specimen(
    "a third part",
    () =>
      ({ token }: Minted) =>
        `${token}.x`,
  ),
  specimen(
    "padding added",
    () =>
      ({ token }: Minted) =>
        `${token}==`,
  ),
  specimen(
    "a space after it",
    () =>
      ({ token }: Minted) =>
        `${token} `,
  ),
  specimen("an empty string", () => () => ""),
  specimen("a dot", () => () => "."),
  specimen("1,000,001 characters", () => () => "a".repeat(1_000_001)),
  specimen("text that is not base64url", () => () => "{}.{}"),
  specimen("a number", () => () => 42),
  specimen("null", () => () => null),
  specimen("undefined", () => () => undefined),
  specimen("an object that prints as the token", () => ({ token }: Minted) => ({ toString: () => token })),
  specimen(
    "a String object of the token",
    () =>
      ({ token }: Minted) =>
        new String(token),
  ),
  specimen("a Proxy whose traps all throw", () => () => trapAll()),
  specimen("a revoked Proxy", () => () => revokedProxy()),
  specimen("a symbol", () => () => Symbol("token")),
];
