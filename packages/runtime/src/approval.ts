/**
 * Approval tokens (`@approval`). A token holds everything needed to resume the call (the tool, the
 * call's id, its validated arguments, who asked, an expiry) and is signed with HMAC-SHA-256, so that
 * any instance with the same secret can resume it and none can be forged or altered. The arguments
 * of a tool with sensitive values are sealed with AES-GCM, so that a token in a log or a URL shows
 * none of them. Keys are derived from the secret with HKDF; everything goes through Web Crypto.
 */

import { type ApprovalSettings, secretOf } from "./options.ts";

/**
 * Remembers which approvals were used, so that each runs at most once. The default keeps them in
 * memory, which protects one instance; a fleet shares one store (Redis `SET NX`, a unique key).
 */
export interface ApprovalStore {
  /**
   * Marks the token `id` as used until `expiresAt` (milliseconds since the epoch, after which the
   * token is refused anyway). Resolves to `true` if it was not used before, `false` if it was.
   */
  claim(id: string, expiresAt: number): Promise<boolean> | boolean;
}

/** What a verified token says. */
export interface Grant {
  /** The token's own id, claimed in the store when it is decided. */
  readonly jti: string;
  readonly tool: string;
  /** The id of the model's call, so that the answer goes to it. */
  readonly id?: string;
  /** The validated arguments. */
  readonly args: unknown;
  /** Who asked, as the `approvalSubject` option named them. */
  readonly by?: string;
  /** Milliseconds since the epoch. */
  readonly exp: number;
}

/** Why a token is refused, in words for the outcome's message. */
export type Refusal = { readonly refused: string; readonly grant?: Grant };

const VERSION = 1;

/** The longest token: one for arguments larger than this is refused when it would be made. */
export const MAX_TOKEN_LENGTH = 1_000_000;

/** The host APIs tokens need, on every runtime with Web Crypto (browsers, Node >= 20, Deno, Bun, workers). */
interface CryptoHost {
  readonly crypto?: WebCrypto;
  btoa(binary: string): string;
  atob(base64: string): string;
  readonly TextEncoder: new () => { encode(text: string): Uint8Array };
  readonly TextDecoder: new () => { decode(bytes: Uint8Array): string };
}

const host = globalThis as unknown as CryptoHost;

/** The part of Web Crypto approvals use (HKDF, HMAC-SHA-256, AES-GCM, random bytes). */
export interface WebCrypto {
  getRandomValues<T extends Uint8Array>(array: T): T;
  readonly subtle: {
    importKey(
      format: "raw",
      key: Uint8Array,
      algorithm: string,
      extractable: false,
      usages: string[],
    ): Promise<CryptoKeyLike>;
    deriveKey(
      algorithm: { name: "HKDF"; hash: "SHA-256"; salt: Uint8Array; info: Uint8Array },
      base: CryptoKeyLike,
      derived: { name: "HMAC"; hash: "SHA-256"; length: 256 } | { name: "AES-GCM"; length: 256 },
      extractable: false,
      usages: string[],
    ): Promise<CryptoKeyLike>;
    sign(algorithm: "HMAC", key: CryptoKeyLike, data: Uint8Array): Promise<ArrayBuffer>;
    verify(algorithm: "HMAC", key: CryptoKeyLike, signature: Uint8Array, data: Uint8Array): Promise<boolean>;
    encrypt(
      algorithm: { name: "AES-GCM"; iv: Uint8Array; additionalData: Uint8Array },
      key: CryptoKeyLike,
      data: Uint8Array,
    ): Promise<ArrayBuffer>;
    decrypt(
      algorithm: { name: "AES-GCM"; iv: Uint8Array; additionalData: Uint8Array },
      key: CryptoKeyLike,
      data: Uint8Array,
    ): Promise<ArrayBuffer>;
  };
}

/** A Web Crypto key, opaque here. */
export interface CryptoKeyLike {
  readonly type: string;
}

/** Tokens made and read with one secret; keys are derived once, at first use. */
export class Approvals {
  readonly #secret: string;
  #keys: Promise<{ sign: CryptoKeyLike; seal: CryptoKeyLike }> | undefined;

  constructor(
    secret: string,
    readonly expiryMs: number,
    readonly store: ApprovalStore,
  ) {
    this.#secret = secret;
  }

  private crypto(): WebCrypto {
    const crypto = webCrypto();
    if (crypto === undefined) throw new Error("this runtime has no Web Crypto (crypto.subtle)");
    return crypto;
  }

  private derived(): Promise<{ sign: CryptoKeyLike; seal: CryptoKeyLike }> {
    if (this.#keys !== undefined) return this.#keys;
    const keys = (async () => {
      const { subtle } = this.crypto();
      const base = await subtle.importKey("raw", utf8(this.#secret), "HKDF", false, ["deriveKey"]);
      const derive = (info: string, algorithm: Parameters<typeof subtle.deriveKey>[2], usages: string[]) =>
        subtle.deriveKey(
          { name: "HKDF", hash: "SHA-256", salt: utf8("typecall approval"), info: utf8(info) },
          base,
          algorithm,
          false,
          usages,
        );
      return {
        sign: await derive("sign", { name: "HMAC", hash: "SHA-256", length: 256 }, ["sign", "verify"]),
        seal: await derive("seal", { name: "AES-GCM", length: 256 }, ["encrypt", "decrypt"]),
      };
    })();
    this.#keys = keys;
    // A failed derivation is tried again at the next call, not remembered.
    keys.catch(() => {
      if (this.#keys === keys) this.#keys = undefined;
    });
    return keys;
  }

  /** A signed token for a call; its arguments sealed when `seal` is set. Rejects only without Web Crypto. */
  async mint(
    grant: Omit<Grant, "jti" | "exp">,
    seal: boolean,
    now: number,
  ): Promise<{ token: string; expiresAt: number }> {
    const crypto = this.crypto();
    const keys = await this.derived();
    const jti = base64url(crypto.getRandomValues(new Uint8Array(16)));
    const exp = now + this.expiryMs;
    const { args, ...rest } = grant;
    let body: Record<string, unknown>;
    if (seal) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const algorithm = { name: "AES-GCM", iv, additionalData: utf8(jti) } as const;
      const sealed = await crypto.subtle.encrypt(algorithm, keys.seal, utf8(JSON.stringify(args) ?? "null"));
      body = {
        v: VERSION,
        jti,
        ...rest,
        sealed: `${base64url(iv)}.${base64url(new Uint8Array(sealed))}`,
        exp,
      };
    } else {
      body = { v: VERSION, jti, ...rest, args, exp };
    }
    const payload = base64url(utf8(JSON.stringify(body)));
    const signature = await crypto.subtle.sign("HMAC", keys.sign, utf8(payload));
    return { token: `${payload}.${base64url(new Uint8Array(signature))}`, expiresAt: exp };
  }

  /** The grant of a token this secret signed and that has not expired, or why it is refused. Never rejects. */
  async open(token: unknown, now: number): Promise<Grant | Refusal> {
    try {
      if (typeof token !== "string" || token.length > MAX_TOKEN_LENGTH)
        return { refused: "it is not a token" };
      const [payload, signature, extra] = token.split(".");
      const mac = signature === undefined || extra !== undefined ? undefined : fromBase64url(signature);
      if (payload === undefined || mac === undefined) return { refused: "it is not a token" };
      const crypto = this.crypto();
      const keys = await this.derived();
      if (!(await crypto.subtle.verify("HMAC", keys.sign, mac, utf8(payload))))
        return { refused: "its signature does not match (forged, altered, or signed with another secret)" };
      // Signed by us, so well formed; read defensively all the same.
      const bytes = fromBase64url(payload);
      const body: unknown = bytes === undefined ? undefined : JSON.parse(fromUtf8(bytes));
      if (!isGrantBody(body)) return { refused: "it is not a token of this version" };
      let args = body.args;
      if (body.sealed !== undefined) {
        const [iv, data] = body.sealed.split(".").map(fromBase64url);
        if (iv === undefined || data === undefined) return { refused: "its arguments cannot be read" };
        const algorithm = { name: "AES-GCM", iv, additionalData: utf8(body.jti) } as const;
        args = JSON.parse(fromUtf8(new Uint8Array(await crypto.subtle.decrypt(algorithm, keys.seal, data))));
      }
      const grant: Grant = {
        jti: body.jti,
        tool: body.tool,
        ...(body.id !== undefined && { id: body.id }),
        args,
        ...(body.by !== undefined && { by: body.by }),
        exp: body.exp,
      };
      if (now >= body.exp) return { refused: "it expired", grant };
      return grant;
    } catch (error) {
      return { refused: `it cannot be read (${error instanceof Error ? error.message : "unknown error"})` };
    }
  }
}

interface GrantBody {
  readonly v: number;
  readonly jti: string;
  readonly tool: string;
  readonly id?: string;
  readonly args?: unknown;
  readonly sealed?: string;
  readonly by?: string;
  readonly exp: number;
}

function isGrantBody(body: unknown): body is GrantBody {
  if (typeof body !== "object" || body === null) return false;
  const b = body as Record<string, unknown>;
  return (
    b.v === VERSION &&
    typeof b.jti === "string" &&
    typeof b.tool === "string" &&
    typeof b.exp === "number" &&
    (b.id === undefined || typeof b.id === "string") &&
    (b.by === undefined || typeof b.by === "string") &&
    (b.sealed === undefined || typeof b.sealed === "string")
  );
}

/**
 * The default store: used token ids in memory, until their tokens expire. One per process, so that
 * every toolset of an instance (a `with()` copy included) shares it.
 */
export const memoryStore: ApprovalStore = (() => {
  const used = new Map<string, number>();
  let claims = 0;
  return {
    claim(id, expiresAt) {
      const now = Date.now();
      // Forget the expired ones now and then: they are refused for their expiry anyway.
      if (++claims % 256 === 0) for (const [key, until] of used) if (until <= now) used.delete(key);
      if (used.has(id)) return false;
      used.set(id, expiresAt);
      return true;
    },
  };
})();

const made = new WeakMap<ApprovalSettings, Approvals>();

/** The token maker of a toolset's approval settings, one per settings object. */
export function tokensFor(settings: ApprovalSettings): Approvals {
  let approvals = made.get(settings);
  if (approvals === undefined) {
    approvals = new Approvals(secretOf(settings), settings.expiryMs, settings.store ?? memoryStore);
    made.set(settings, approvals);
  }
  return approvals;
}

/** A secret of 64 hex digits from the host's random source, for tokens that never leave the process. */
export function randomSecret(): string {
  const bytes = (webCrypto() as WebCrypto).getRandomValues(new Uint8Array(32));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** Whether a token was refused. */
export function isRefusal(opened: Grant | Refusal): opened is Refusal {
  return "refused" in opened;
}

/** The host's Web Crypto, or undefined where there is none. */
function webCrypto(): WebCrypto | undefined {
  return host.crypto?.subtle === undefined ? undefined : host.crypto;
}

/** UTF-8 bytes of a string. */
function utf8(text: string): Uint8Array {
  return new host.TextEncoder().encode(text);
}

/** The string of UTF-8 bytes. */
function fromUtf8(bytes: Uint8Array): string {
  return new host.TextDecoder().decode(bytes);
}

/** Base64url without padding (RFC 4648 section 5), as tokens in URLs and headers need. */
function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i] as number);
  return host.btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The bytes of base64url text; undefined when it is not base64url. */
function fromBase64url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    const binary = host.atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return undefined;
  }
}
