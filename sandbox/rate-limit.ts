// Rolling-window request counter, one window per key (token, app or account).
export class RollingWindow {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly max: number,
    readonly windowMs: number,
  ) {}

  /** Records a hit if allowed. `retryAfterMs` says when the oldest hit in the window leaves it. */
  take(key: string, now = Date.now()): { allowed: boolean; remaining: number; retryAfterMs: number } {
    const recent = (this.hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length >= this.max) {
      this.hits.set(key, recent);
      return { allowed: false, remaining: 0, retryAfterMs: recent[0] + this.windowMs - now };
    }
    recent.push(now);
    this.hits.set(key, recent);
    return { allowed: true, remaining: this.max - recent.length, retryAfterMs: 0 };
  }

  clear(): void {
    this.hits.clear();
  }
}

export function retryAfterSeconds(ms: number): string {
  return String(Math.max(1, Math.ceil(ms / 1000)));
}
