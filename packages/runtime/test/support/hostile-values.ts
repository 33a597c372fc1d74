/**
 * Hostile JavaScript values, each made fresh by a named factory: what a buggy SDK, a careless tool
 * or an attacker may hand to `dispatch` (as a call, a name, arguments, a context) or make a tool
 * throw or return. The property tests and `pnpm fuzz` draw from these lists, so that both guard
 * against one catalogue.
 */

/** A value made on demand, with a label that names it in counterexamples and reports. */
export interface Specimen<T = unknown> {
  readonly label: string;
  readonly make: () => T;
}

/** A specimen whose label is also how fast-check and vitest print it. */
export function specimen<T>(label: string, make: () => T): Specimen<T> {
  return { label, make, toString: () => label } as Specimen<T>;
}

/** An object whose every trap throws: reading, listing, testing or calling it all fail. */
export function trapAll(target: object = {}): object {
  const fail = (): never => {
    throw new Error("proxy trap");
  };
  return new Proxy(target, {
    get: fail,
    has: fail,
    ownKeys: fail,
    getOwnPropertyDescriptor: fail,
    getPrototypeOf: fail,
    set: fail,
    apply: fail,
    construct: fail,
  });
}

/** A Proxy that throws a TypeError on any use, including `typeof`-free checks like `Array.isArray`. */
export function revokedProxy(target: object = {}): object {
  const { proxy, revoke } = Proxy.revocable(target, {});
  revoke();
  return proxy;
}

/** An object whose `key` getter throws `thrown`. */
export function throwingGetter(key: string, thrown: unknown = new Error(`getter ${key}`)): object {
  return Object.defineProperty({}, key, {
    enumerable: true,
    get() {
      throw thrown;
    },
  });
}

/** An object without a prototype that refers to itself. */
export function nullProtoCycle(): object {
  const object = Object.create(null) as Record<string, unknown>;
  object.self = object;
  object.message = object;
  return object;
}

/** An Error whose `message` is not a string (or cannot be read). */
function errorWithMessage(describe: PropertyDescriptor): Error {
  const error = new Error("placeholder");
  Object.defineProperty(error, "message", { configurable: true, ...describe });
  return error;
}

/** A value nested `depth` arrays deep: JSON.stringify of it overflows the stack. */
function deepArray(depth: number): unknown[] {
  let value: unknown[] = [];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

const cyclic = (): object => {
  const object: Record<string, unknown> = { name: "cycle" };
  object.self = object;
  return object;
};

/** Values that break naive string conversion, property reads or serialisation. */
export const HOSTILE_VALUES: readonly Specimen[] = [
  specimen("undefined", () => undefined),
  specimen("null", () => null),
  specimen("NaN", () => Number.NaN),
  specimen("empty string", () => ""),
  specimen("symbol", () => Symbol("hostile")),
  specimen("bigint", () => 10n),
  specimen("function", () => () => 1),
  specimen("object without prototype", () => Object.create(null)),
  specimen("object without prototype, with a message", () =>
    Object.assign(Object.create(null) as object, { message: "no proto" }),
  ),
  specimen("Error with a symbol message", () => errorWithMessage({ value: Symbol("message") })),
  specimen("Error with an object message", () => errorWithMessage({ value: { text: "object" } })),
  specimen("Error with a throwing message getter", () =>
    errorWithMessage({
      get() {
        throw new Error("message getter");
      },
    }),
  ),
  specimen("Error whose message getter rethrows itself", () => {
    const error: Error = errorWithMessage({
      get() {
        throw error;
      },
    });
    return error;
  }),
  specimen("Error with a throwing name and no message", () =>
    Object.defineProperties(new Error(""), {
      name: {
        get() {
          throw new Error("name getter");
        },
      },
    }),
  ),
  specimen("object with a throwing message getter", () => throwingGetter("message")),
  specimen("object with a throwing toString", () => ({
    toString() {
      throw new Error("toString");
    },
  })),
  specimen("object with a throwing Symbol.toPrimitive", () => ({
    [Symbol.toPrimitive]() {
      throw new Error("toPrimitive");
    },
  })),
  specimen("object with a throwing toJSON", () => ({
    toJSON() {
      throw new Error("toJSON");
    },
  })),
  specimen("object with a toJSON returning a bigint", () => ({ toJSON: () => 1n })),
  specimen("object with a bigint inside", () => ({ count: 12345678901234567890n })),
  specimen("cyclic object", cyclic),
  specimen("cyclic object without prototype", nullProtoCycle),
  specimen("cyclic array", () => {
    const array: unknown[] = [];
    array.push(array);
    return array;
  }),
  specimen("revoked Proxy", () => revokedProxy()),
  specimen("revoked Proxy of a function", () => revokedProxy(() => 1)),
  specimen("Proxy whose traps all throw", () => trapAll()),
  specimen("Proxy of an Error whose traps all throw", () => trapAll(new Error("proxied"))),
  specimen("array nested 20,000 deep", () => deepArray(20_000)),
  specimen("string of 1,000,000 characters", () => "x".repeat(1_000_000)),
  specimen("string with a lone surrogate", () => "ab\ud800cd"),
];
