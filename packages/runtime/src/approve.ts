/**
 * Human approval (`@approval`): a call that needs it is answered with a token instead of running;
 * `toolset.approve(token, ctx)` runs it, `toolset.deny(token, reason)` declines it. Both decide a
 * token once: its id is claimed in the approval store first.
 */

import { mayUse } from "./access.ts";
import { type Grant, isRefusal, MAX_TOKEN_LENGTH, tokensFor } from "./approval.ts";
import { readOptions } from "./call.ts";
import {
  type DispatchEnv,
  dispatchCall,
  failure,
  idOf,
  invalidCall,
  observe,
  type Prepared,
} from "./dispatch.ts";
import { thrownMessage, truncatedName } from "./feedback.ts";
import type { ApprovalSettings } from "./options.ts";
import type { AnyOutcome, CallOptions, ToolCall, ToolFailure } from "./outcome.ts";
import { Secrets } from "./redact.ts";

/** The `needs_approval` outcome of a call to a tool tagged `@approval`, with its token. */
export async function askApproval(
  env: DispatchEnv,
  call: ToolCall,
  { tool, args, repairs }: Prepared,
  context: object | undefined,
): Promise<AnyOutcome> {
  const { approvals: settings, approvalSubject } = env.options;
  if (settings === undefined) {
    const message = `Tool "${call.name}" needs approval, but the toolset has no approvalSecret`;
    return failure(call, { code: "denied", message }, env, unavailableContent(call.name));
  }
  const secrets =
    tool.sensitive === undefined
      ? undefined
      : new Secrets().collect(tool.sensitive, args, tool.schemas["json-schema"]);
  try {
    const by = approvalSubject?.(context);
    const asked = { tool: call.name, ...idOf(call), args, ...(typeof by === "string" && { by }) };
    // Arguments with secrets are sealed: the token then shows none of them.
    const { token, expiresAt } = await tokensFor(settings).mint(asked, secrets !== undefined, Date.now());
    if (token.length > MAX_TOKEN_LENGTH) {
      const message = `Tool "${call.name}" needs approval, but its arguments are too large for an approval token`;
      return failure(call, { code: "denied", message }, env, unavailableContent(call.name));
    }
    const approval = {
      token,
      tool: call.name,
      ...idOf(call),
      arguments: secrets === undefined ? args : secrets.maskValue(args),
      expiresAt,
      ...(typeof by === "string" && { askedBy: by }),
    };
    const message = `Tool "${call.name}" needs approval`;
    return {
      ok: false,
      name: call.name,
      ...idOf(call),
      error: { code: "needs_approval", message },
      approval,
      content: pendingContent(call.name),
      ...(repairs && { repairs }),
    };
  } catch (error) {
    const message = `Approval for tool "${call.name}" could not be asked for: ${thrownMessage(error)}`;
    return failure(call, { code: "denied", message }, env, unavailableContent(call.name));
  }
}

/**
 * Runs the call a token holds, with `context` (whose scopes must allow the tool), once. A token
 * that is forged, altered, expired or already decided is a `denied` outcome. Never rejects.
 */
export async function approveCall(
  env: DispatchEnv,
  token: unknown,
  context: object | undefined,
  options: CallOptions | undefined,
): Promise<AnyOutcome> {
  const startedAt = Date.now();
  const opened = await openToken(env, token);
  if (!("jti" in opened)) return reported(env, opened, startedAt);
  const entry = env.tools.get(opened.tool);
  if (entry === undefined || (env.guarded && !mayUse(entry.definition, context, env.options.allow)))
    return reported(env, refused(env, opened, "the approving caller may not use the tool"), startedAt);
  // Options that cannot be used are refused before the token is, so that it can be used again.
  const unusable = options === undefined ? undefined : readOptions(options);
  if (typeof unusable === "string") return invalidCall(env, { name: opened.tool, ...idOf(opened) }, unusable);
  const claimed = await claim(env, opened);
  if (claimed !== true) return reported(env, refused(env, opened, claimed), startedAt);
  const call = { name: opened.tool, arguments: opened.args, ...idOf(opened) };
  return dispatchCall(env, call, context, options, true);
}

/** Declines the call a token holds: the model is told, with `reason` when given. Never rejects. */
export async function denyCall(env: DispatchEnv, token: unknown, reason: unknown): Promise<AnyOutcome> {
  const startedAt = Date.now();
  const opened = await openToken(env, token, true);
  if (!("jti" in opened)) return reported(env, opened, startedAt);
  const claimed = await claim(env, opened);
  if (claimed !== true) return reported(env, refused(env, opened, claimed), startedAt);
  const why = typeof reason === "string" && reason.trim() !== "" ? truncatedName(reason.trim()) : undefined;
  const call = { name: opened.tool, arguments: undefined, ...idOf(opened) };
  const message = `Denied by a person${why === undefined ? "" : `: ${why}`}`;
  const content =
    `A person declined the call to tool "${opened.tool}"${why === undefined ? "." : `: ${why}`}\n` +
    "It was not run. Do not call it again unless they ask for it.";
  return reported(env, failure(call, { code: "denied", message }, env, content), startedAt);
}

/**
 * A decision that runs nothing, reported to `onOutcome` as a call that ended so (a span, a log
 * line): who was refused, and why. Its event has no arguments.
 */
function reported(env: DispatchEnv, outcome: ToolFailure, startedAt: number): ToolFailure {
  const { onOutcome } = env.options.hooks;
  if (onOutcome !== undefined) {
    const event = {
      name: outcome.name,
      ...idOf(outcome),
      arguments: undefined,
      startedAt,
      durationMs: Date.now() - startedAt,
      repaired: false,
    };
    observe(() => onOutcome(outcome, event));
  }
  return outcome;
}

/** The grant of a token, or the outcome that refuses it; an expired grant is kept for `deny`. */
async function openToken(env: DispatchEnv, token: unknown, expiredToo = false): Promise<Grant | ToolFailure> {
  const { approvals } = env.options;
  if (approvals === undefined) return refused(env, undefined, "the toolset has no approvalSecret");
  const opened = await tokensFor(approvals).open(token, Date.now());
  if (!isRefusal(opened)) return opened;
  if (expiredToo && opened.grant !== undefined) return opened.grant;
  return refused(env, opened.grant, opened.refused);
}

/** Claims the grant's id; `true`, or why not. */
async function claim(env: DispatchEnv, grant: Grant): Promise<true | string> {
  try {
    const approvals = tokensFor(env.options.approvals as ApprovalSettings);
    return (await approvals.store.claim(grant.jti, grant.exp)) === true ? true : "it was already decided";
  } catch (error) {
    return `the approval store failed (${thrownMessage(error)})`;
  }
}

function refused(env: DispatchEnv, grant: Grant | undefined, why: string): ToolFailure {
  const name = grant?.tool ?? "";
  const call = { name, arguments: undefined, ...(grant && idOf(grant)) };
  const subject = grant === undefined ? "The call" : `The call to tool "${name}"`;
  const content = `${subject} was not run: its approval could not be used (${why}).`;
  return failure(call, { code: "denied", message: `Approval refused: ${why}` }, env, content);
}

function pendingContent(name: string): string {
  return `The call to tool "${name}" needs a person's approval and has not run yet. Do not call it again: the answer comes with their decision.`;
}

function unavailableContent(name: string): string {
  return `The tool "${name}" needs a person's approval, which cannot be asked for here. It was not run.`;
}
