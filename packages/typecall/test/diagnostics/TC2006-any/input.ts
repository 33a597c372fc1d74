/** Takes anything at all. */
export function log(payload: any, extra: unknown): void {}
