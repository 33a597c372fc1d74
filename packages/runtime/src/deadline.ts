/**
 * One shared timer for every call's time limit. A timer per call (`setTimeout` + `clearTimeout`)
 * costs more than a small tool call itself; here a call only links and unlinks an entry of a list,
 * and the single timer is re-armed when an earlier deadline arrives. While a deadline is pending the
 * timer keeps the process alive, so a script awaiting a tool that never settles still gets its
 * `timeout` outcome; with none pending it stays armed (re-arming per call would cost a timer per
 * call again) but no longer holds the process open.
 */
import { startTimer, type Timer } from "./host.ts";

/** A registered deadline; pass it to {@link cancelDeadline} when the call settles first. */
export interface Deadline {
  readonly at: number;
  readonly fire: () => void;
  prev: Deadline | undefined;
  next: Deadline | undefined;
}

let head: Deadline | undefined;
let armedAt = Number.POSITIVE_INFINITY;
let armed: Timer | undefined;

// Timers overflow above 2^31 - 1 ms and would fire at once; a longer limit is no limit.
const MAX_TIMER_MS = 2_147_483_647;

/** Calls `fire` once `ms` milliseconds have passed, unless cancelled before; no deadline past 2^31 - 1 ms. */
export function scheduleDeadline(ms: number, fire: () => void): Deadline | undefined {
  if (!(ms <= MAX_TIMER_MS)) return undefined;
  const deadline: Deadline = { at: Date.now() + ms, fire, prev: undefined, next: head };
  if (head) head.prev = deadline;
  head = deadline;
  if (deadline.at < armedAt) arm(deadline.at);
  else armed?.keepAlive(true);
  return deadline;
}

/**
 * Forgets a deadline. The shared timer stays armed (when it fires with nothing due, it re-arms for
 * the next deadline, if any); once none is pending, it no longer keeps the process alive.
 */
export function cancelDeadline(deadline: Deadline | undefined): void {
  if (deadline === undefined) return;
  if (deadline.prev) deadline.prev.next = deadline.next;
  else if (head === deadline) head = deadline.next;
  if (deadline.next) deadline.next.prev = deadline.prev;
  deadline.prev = undefined;
  deadline.next = undefined;
  if (head === undefined) armed?.keepAlive(false);
}

function arm(at: number): void {
  armed?.stop();
  armedAt = at;
  armed = startTimer(Math.max(0, at - Date.now()), onTimer);
}

function onTimer(): void {
  armed = undefined;
  armedAt = Number.POSITIVE_INFINITY;
  const now = Date.now();
  const due: Deadline[] = [];
  let next = Number.POSITIVE_INFINITY;
  for (let deadline = head; deadline; deadline = deadline.next) {
    if (deadline.at <= now) due.push(deadline);
    else if (deadline.at < next) next = deadline.at;
  }
  for (const deadline of due) {
    cancelDeadline(deadline);
    deadline.fire();
  }
  if (next < Number.POSITIVE_INFINITY && next < armedAt) arm(next);
}
