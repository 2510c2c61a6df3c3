import type { RateLimitDeclaration } from "./providers/types";

export type Clock = { now: () => number; sleep: (ms: number) => Promise<void> };

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/**
 * Client-side pacing: at most `max` request starts in any `windowMs` (sliding window). A start
 * leaves the window `marginMs` later than the window alone says (default 2% of it, at least 50 ms),
 * because the vendor counts arrivals, and an earlier request can arrive later than it started.
 */
export class WindowLimiter {
  private starts: number[] = [];
  private queue: Promise<void> = Promise.resolve();
  readonly marginMs: number;
  constructor(
    readonly max: number,
    readonly windowMs: number,
    marginMs?: number,
  ) {
    this.marginMs = marginMs ?? Math.max(50, Math.round(windowMs * 0.02));
  }

  /** Resolves when a request may start; callers are served in order. */
  acquire(clock: Clock): Promise<void> {
    const turn = this.queue.then(async () => {
      for (;;) {
        const now = clock.now();
        const span = this.windowMs + this.marginMs;
        this.starts = this.starts.filter((t) => t > now - span);
        if (this.starts.length < this.max) {
          this.starts.push(now);
          return;
        }
        await clock.sleep(this.starts[0] + span - now + 1);
      }
    });
    this.queue = turn.catch(() => {});
    return turn;
  }
}

/** At most `max` requests in flight. */
export class Semaphore {
  private active = 0;
  private waiting: (() => void)[] = [];
  constructor(readonly max: number) {}

  async acquire(): Promise<() => void> {
    if (this.active >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    };
  }
}

export type Pacer = { acquire: (bucket: string, clock: Clock) => Promise<() => void> };

/** One pacer per connection per process, built from the provider's rate-limit declarations. */
export function createPacer(limits: RateLimitDeclaration[]): Pacer {
  const windows = new Map<string, WindowLimiter>();
  const semaphores = new Map<string, Semaphore>();
  for (const limit of limits) {
    if (limit.kind === "window") windows.set(limit.bucket, new WindowLimiter(limit.max, limit.windowMs));
    else semaphores.set(limit.bucket, new Semaphore(limit.max));
  }
  return {
    async acquire(bucket, clock) {
      const window = windows.get(bucket) ?? windows.get("default");
      if (window) await window.acquire(clock);
      const semaphore = semaphores.get(bucket) ?? semaphores.get("default");
      return semaphore ? await semaphore.acquire() : () => {};
    },
  };
}

const globalRef = globalThis as unknown as { __connectorPacers?: Map<string, Pacer> };

/** The shared pacer of a connection (keyed by connection id, or any stable key). */
export function pacerFor(key: string, limits: RateLimitDeclaration[]): Pacer {
  globalRef.__connectorPacers ??= new Map();
  let pacer = globalRef.__connectorPacers.get(key);
  if (!pacer) {
    pacer = createPacer(limits);
    globalRef.__connectorPacers.set(key, pacer);
  }
  return pacer;
}
