/**
 * A Redis that answers nothing (stopped, not closed: a paused process, a black-holed network)
 * must not hold requests: ioredis has no per-command deadline of its own here, so each caller
 * bounds its commands and falls back as if Redis were down.
 */
export const REDIS_COMMAND_TIMEOUT_MS = 500;

export function within<T>(command: Promise<T>, ms = REDIS_COMMAND_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([command, late]).finally(() => clearTimeout(timer));
}
