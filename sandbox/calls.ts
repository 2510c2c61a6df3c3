// Counts requests per vendor + method + route template, and how many of them were answered 429.
export class CallLog {
  private calls = new Map<string, number>();
  private rateLimited = new Map<string, number>();

  record(key: string, status: number): void {
    this.calls.set(key, (this.calls.get(key) ?? 0) + 1);
    if (status === 429) this.rateLimited.set(key, (this.rateLimited.get(key) ?? 0) + 1);
  }

  reset(): void {
    this.calls.clear();
    this.rateLimited.clear();
  }

  snapshot(): { calls: Record<string, number>; rateLimited: Record<string, number>; total: number } {
    let total = 0;
    for (const n of this.calls.values()) total += n;
    return { calls: Object.fromEntries(this.calls), rateLimited: Object.fromEntries(this.rateLimited), total };
  }
}
