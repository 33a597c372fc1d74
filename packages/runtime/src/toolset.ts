/** `createToolset`: what a generated module builds from its tool definitions. */

import { bothRules, mayUse } from "./access.ts";
import { readOptions } from "./call.ts";
import { type DialectTools, dialectTool } from "./dialects.ts";
import { type DispatchEnv, dispatchCall, invalidCall, loadApproval, type ToolEntry } from "./dispatch.ts";
import { thrownMessage } from "./feedback.ts";
import { kindOf } from "./json.ts";
import {
  type AllowRule,
  type ResolvedToolsetOptions,
  resolveToolsetOptions,
  type ToolsetOptions,
} from "./options.ts";
import type {
  AnyOutcome,
  BatchOptions,
  CallOptions,
  DispatchArgs,
  RawOutcome,
  ToolCall,
  ToolMapShape,
  ToolOutcome,
  ToolTypes,
  TypedToolCall,
} from "./outcome.ts";
import { hasSensitive } from "./sensitive.ts";
import { Slots } from "./slots.ts";
import type { Dialect, EmptyContext, ToolDefinition } from "./types.ts";

/** Whose tool list: the tools the caller with `ctx` may see (see `toolset.schemas`). */
export interface ListOptions<C extends object> {
  readonly ctx?: C | undefined;
}

/**
 * A set of tools with typed dispatch. `M` maps tool names to argument and result types; `C` is the
 * application context every call needs (the data of the tools' `ToolContext<T>` parameters).
 */
export interface Toolset<M extends ToolMapShape<M>, C extends object = EmptyContext> {
  /** The tool names, in definition order. */
  readonly names: readonly (keyof M & string)[];
  /** The definition of a tool, if there is one by that name. */
  get(name: string): ToolDefinition<C> | undefined;
  /**
   * The tool list in a dialect's shape, without the provider's envelope (the adapters add it); a
   * fresh copy each call, free to mutate. Throws when the module was generated without the dialect.
   * Only the tools the caller with `ctx` may use are listed (`@scope`, the `allow` option); without
   * `ctx`, those of a caller with no scopes.
   */
  schemas<D extends Dialect>(dialect: D, options?: ListOptions<C>): DialectTools[D][];
  /**
   * Runs a call written by typed application code: the name must be a tool and the arguments its
   * type. Resolves to an outcome; never rejects.
   */
  dispatch<N extends keyof M & string>(
    call: TypedToolCall<M, N>,
    ...args: DispatchArgs<C>
  ): Promise<ToolOutcome<M, N>>;
  /**
   * Runs a call a model made, its arguments the model's JSON text: any name, checked at runtime.
   * Resolves to an outcome; never rejects.
   */
  dispatch(
    call: { readonly name: string; readonly arguments: string; readonly id?: string },
    ...args: DispatchArgs<C>
  ): Promise<RawOutcome<M>>;
  /**
   * Runs a call whose name is only known at runtime (a `string`, not a literal), with arguments of
   * any form (text or a parsed value, as some providers send). Resolves to an outcome; never rejects.
   */
  dispatch<S extends string>(
    call: { readonly name: string extends S ? S : never; readonly arguments: unknown; readonly id?: string },
    ...args: DispatchArgs<C>
  ): Promise<RawOutcome<M>>;
  /** Runs calls concurrently (at most `concurrency` at once); outcomes in call order. Never rejects. */
  dispatchAll(calls: readonly ToolCall[], ...args: DispatchArgs<C, BatchOptions>): Promise<RawOutcome<M>[]>;
  /**
   * Runs the call a `needs_approval` outcome's token holds, once, with `ctx` (whose scopes must
   * allow the tool): the tool's outcome, for the call's id. A token that is forged, altered,
   * expired or already decided is a `denied` outcome. Never rejects.
   */
  approve(token: string, ...args: DispatchArgs<C>): Promise<RawOutcome<M>>;
  /**
   * Declines the call a token holds: a `denied` outcome for the call's id that tells the model
   * why (`reason`). The token cannot be approved after. Never rejects.
   */
  deny(token: string, reason?: string): Promise<RawOutcome<M>>;
  /**
   * The same tools under other options (time limit, hooks, content cap, concurrency, limits): a new
   * toolset; options not given keep their value here. Throws a RangeError for an unusable value.
   */
  with(options: ToolsetOptions): Toolset<M, C>;
  /** The options in force, every default applied. */
  readonly options: ResolvedToolsetOptions;
}

/**
 * Builds a toolset from the definitions a generated module emits. Throws only on a broken module
 * (two tools with one name); everything that can go wrong in a call is an outcome of `dispatch`.
 */
export function createToolset<M extends ToolMapShape<M>, C extends object = EmptyContext>(
  definitions: readonly ToolDefinition<C>[],
  options?: ToolsetOptions,
): Toolset<M, C> {
  return buildToolset<M, C>(definitions, resolveToolsetOptions(options));
}

function buildToolset<M extends ToolMapShape<M>, C extends object>(
  definitions: readonly ToolDefinition<C>[],
  resolved: ResolvedToolsetOptions,
  shared?: Slots,
): Toolset<M, C> {
  const tools = new Map<string, ToolEntry>();
  for (const definition of definitions) {
    if (tools.has(definition.name)) throw new Error(`typecall: duplicate tool name "${definition.name}"`);
    tools.set(definition.name, { definition: definition as unknown as ToolDefinition<object> });
  }
  // A name a provider sends the tool under (`math_factorial` for `math.factorial`) reaches it too.
  for (const definition of definitions) {
    const entry = tools.get(definition.name) as ToolEntry;
    for (const alias of Object.values(definition.names ?? {})) {
      const owner = tools.get(alias);
      if (owner !== undefined && owner !== entry)
        throw new Error(
          `typecall: tool name "${alias}" is used by two tools ("${owner.definition.name}" and "${definition.name}")`,
        );
      tools.set(alias, entry);
    }
  }
  const names = Object.freeze(definitions.map((d) => d.name));
  const guarded = resolved.allow !== undefined || definitions.some((d) => d.scopes !== undefined);
  const sensitive = definitions.some(hasSensitive);
  // A `with()` copy shares its toolset's slots, unless it sets a limit of its own.
  const slots =
    shared ??
    (Number.isFinite(resolved.maxConcurrentCalls) ? new Slots(resolved.maxConcurrentCalls) : undefined);
  const env: DispatchEnv = { tools, names, options: resolved, guarded, sensitive, slots };
  const dispatch = (call: ToolCall, context?: object, callOptions?: CallOptions): Promise<AnyOutcome> =>
    dispatchCall(env, call, context, callOptions);
  // The overloads of `dispatch` and `dispatchAll` exist for callers; one untyped implementation serves them all.
  return {
    names: env.names as readonly (keyof M & string)[],
    get: (name) => tools.get(name)?.definition as ToolDefinition<C> | undefined,
    schemas: (dialect, options) => {
      const listed = env.guarded
        ? definitions.filter((definition) => mayUse(definition as never, options?.ctx, resolved.allow))
        : definitions;
      return listed.map((definition) => dialectTool(definition as ToolDefinition<never>, dialect));
    },
    dispatch: dispatch as unknown as Toolset<M, C>["dispatch"],
    dispatchAll: ((calls: readonly ToolCall[], context?: object, batch?: BatchOptions) =>
      dispatchBatch(env, calls, context, batch)) as unknown as Toolset<M, C>["dispatchAll"],
    approve: ((token: string, context?: object, callOptions?: CallOptions) =>
      decide(env, (approval) =>
        approval.approveCall(env, token, context, callOptions),
      )) as unknown as Toolset<M, C>["approve"],
    deny: (token, reason) =>
      decide(env, (approval) => approval.denyCall(env, token, reason)) as Promise<RawOutcome<M>>,
    with: (options) =>
      buildToolset<M, C>(
        definitions,
        resolveToolsetOptions(options, resolved),
        options.maxConcurrentCalls === undefined ? slots : undefined,
      ),
    options: resolved,
  };
}

/**
 * One toolset holding the tools of several (from several generated modules): its tool map and
 * context are theirs together. Throws, at set-up, when two toolsets have a tool of the same name,
 * naming each: providers reject a tool list with duplicates. Options apply to the whole; a tool's
 * own `@timeout` still wins.
 */
export function combineToolsets<
  A extends ToolMapShape<A>,
  CA extends object,
  B extends ToolMapShape<B>,
  CB extends object,
>(toolsets: readonly [Toolset<A, CA>, Toolset<B, CB>], options?: ToolsetOptions): Toolset<A & B, CA & CB>;
export function combineToolsets<
  A extends ToolMapShape<A>,
  CA extends object,
  B extends ToolMapShape<B>,
  CB extends object,
  D extends ToolMapShape<D>,
  CD extends object,
>(
  toolsets: readonly [Toolset<A, CA>, Toolset<B, CB>, Toolset<D, CD>],
  options?: ToolsetOptions,
): Toolset<A & B & D, CA & CB & CD>;
/** Any number of toolsets, typed loosely: combine in steps of two or three to keep the types. */
export function combineToolsets(
  toolsets: readonly Toolset<ToolMapShape<Record<string, never>>, object>[],
  options?: ToolsetOptions,
): Toolset<Record<string, ToolTypes>, object>;
export function combineToolsets(
  toolsets: readonly {
    readonly names: readonly string[];
    get(name: string): ToolDefinition<never> | undefined;
    readonly options?: { readonly allow?: AllowRule | undefined };
  }[],
  options?: ToolsetOptions,
): Toolset<Record<string, ToolTypes>, object> {
  const owners = new Map<string, number>();
  const clashes: string[] = [];
  const definitions: ToolDefinition<object>[] = [];
  // Each toolset's `allow` rule keeps guarding its own tools.
  const rules = new Map<ToolDefinition<never>, AllowRule>();
  toolsets.forEach((toolset, index) => {
    const rule = toolset.options?.allow;
    for (const name of toolset.names) {
      const owner = owners.get(name);
      if (owner !== undefined) clashes.push(`"${name}" (toolsets ${owner + 1} and ${index + 1})`);
      else owners.set(name, index);
      const definition = toolset.get(name);
      if (definition && owner === undefined) {
        definitions.push(definition as unknown as ToolDefinition<object>);
        if (rule) rules.set(definition, rule);
      }
    }
  });
  if (clashes.length > 0)
    throw new Error(
      `typecall: combineToolsets: tool names used twice: ${clashes.join(", ")}; rename one with @name`,
    );
  const own: AllowRule | undefined =
    rules.size === 0 ? undefined : (tool, context) => rules.get(tool)?.(tool, context) ?? true;
  return createToolset(definitions, { ...options, allow: bothRules(own, options?.allow) });
}

/** Runs a decision on a token with the approval module loaded; never rejects. */
function decide(
  env: DispatchEnv,
  run: (approval: typeof import("./approve.ts")) => Promise<AnyOutcome>,
): Promise<AnyOutcome> {
  return loadApproval().then(run, (error: unknown) =>
    invalidCall(env, { name: "" }, `the approval module could not be loaded (${thrownMessage(error)})`),
  );
}

async function dispatchBatch(
  env: DispatchEnv,
  calls: readonly ToolCall[],
  context: object | undefined,
  batch: BatchOptions | undefined,
): Promise<AnyOutcome[]> {
  const list = readList(calls);
  if (typeof list === "string") return [invalidCall(env, { name: "" }, list)];
  const read = readOptions(batch, true);
  if (typeof read === "string") return list.map(() => invalidCall(env, { name: "" }, read));
  const { concurrency = env.options.concurrency, ...callOptions } = read;
  const outcomes: AnyOutcome[] = new Array(list.length);
  let next = 0;
  // Workers pull the next index, so at most `concurrency` calls are in flight and order is kept by index.
  const worker = async (): Promise<void> => {
    for (let index = next++; index < list.length; index = next++) {
      outcomes[index] = await dispatchCall(env, list[index] as ToolCall, context, callOptions);
    }
  };
  const workers = Math.max(1, Math.min(Math.floor(concurrency), list.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return outcomes;
}

/**
 * The calls of a batch copied into a plain array, each read once (an element whose getter throws
 * reads as undefined, which dispatch answers with `invalid_call`); for anything that is not an
 * array, the reason.
 */
function readList(calls: unknown): unknown[] | string {
  try {
    if (!Array.isArray(calls)) return `dispatchAll takes an array of calls, got ${kindOf(calls)}`;
    const list: unknown[] = [];
    for (let i = 0; i < calls.length; i++) {
      try {
        list.push(calls[i]);
      } catch {
        list.push(undefined);
      }
    }
    return list;
  } catch (error) {
    return `the calls cannot be read (${thrownMessage(error)})`;
  }
}
