import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import type { VendorId } from "./floor";

/**
 * Wall time during which at least one activity was in progress (the union of the intervals), so
 * overlapping activities (several tasks in flight) are not counted twice.
 */
export class UnionTimer {
  private active = 0;
  private since = 0;
  private doneMs = 0;
  enter() {
    if (this.active++ === 0) this.since = performance.now();
  }
  exit() {
    if (--this.active === 0) this.doneMs += performance.now() - this.since;
  }
  get ms() {
    return this.doneMs + (this.active > 0 ? performance.now() - this.since : 0);
  }
  reset() {
    this.doneMs = 0;
    if (this.active > 0) this.since = performance.now();
  }
}

/** Time spent inside vendor HTTP calls (client side: request to last byte), per vendor. */
export class VendorTimer {
  busyMs: Record<VendorId, number> = { netsuite: 0, hubspot: 0, activecampaign: 0 };
  /** Wall time with at least one vendor call in flight. */
  readonly inFlight = new UnionTimer();
  constructor(private readonly blocked?: UnionTimer) {}
  reset() {
    this.busyMs = { netsuite: 0, hubspot: 0, activecampaign: 0 };
    this.inFlight.reset();
  }
  /** Wraps global fetch; the connectors capture it when a client is built (inside each step). */
  install(baseUrl: string) {
    const original = globalThis.fetch;
    const vendorOf = (path: string): VendorId | null => {
      if (path.startsWith("/_sandbox")) return null;
      if (path.startsWith("/api/3")) return "activecampaign";
      if (path.startsWith("/services/") || path.startsWith("/app/")) return "netsuite";
      return "hubspot";
    };
    globalThis.fetch = (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      const vendor = url.startsWith(baseUrl) ? vendorOf(new URL(url).pathname) : null;
      if (!vendor) return original(input, init);
      const start = performance.now();
      this.inFlight.enter();
      this.blocked?.enter();
      try {
        const response = await original(input, init);
        // Read the body here so the time covers the whole transfer, then hand back an equal response.
        const body = await response.arrayBuffer();
        return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
      } finally {
        this.busyMs[vendor] += performance.now() - start;
        this.inFlight.exit();
        this.blocked?.exit();
      }
    }) as typeof fetch;
  }
}

/** Time spent sleeping in the connectors' clock: client-side pacing, Retry-After and backoff. */
export class SleepTimer {
  /** Wall time with at least one caller asleep. */
  readonly asleep = new UnionTimer();
  constructor(private readonly blocked?: UnionTimer) {}
  install(clock: { sleep: (ms: number) => Promise<void> }) {
    const original = clock.sleep;
    clock.sleep = async (ms: number) => {
      this.asleep.enter();
      this.blocked?.enter();
      try {
        await original(ms);
      } finally {
        this.asleep.exit();
        this.blocked?.exit();
      }
    };
  }
}

/** Samples this process's resident set size. */
export class RssSampler {
  peakBytes = process.memoryUsage().rss;
  private timer: NodeJS.Timeout | null = null;
  start(intervalMs = 100) {
    this.timer = setInterval(() => {
      this.peakBytes = Math.max(this.peakBytes, process.memoryUsage().rss);
    }, intervalMs);
    this.timer.unref();
  }
  stop() {
    if (this.timer) clearInterval(this.timer);
    this.peakBytes = Math.max(this.peakBytes, process.memoryUsage().rss);
  }
  get peakMb() {
    return Math.round((this.peakBytes / 1024 / 1024) * 10) / 10;
  }
}

/** The vendor sandbox in its own process (so its memory and CPU are not counted as ours). */
export async function startSandboxProcess(): Promise<{ url: string; child: ChildProcess; peakRssMb: () => number | null; close: () => Promise<void> }> {
  const child = spawn(process.execPath, ["--import", "tsx", "sandbox/main.ts"], {
    env: { ...process.env, SANDBOX_PORT: "0", SANDBOX_DEMO: "false" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`sandbox did not start: ${out}`)), 60_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once("exit", (code) => reject(new Error(`sandbox exited (${code}): ${out}`)));
  });
  return {
    url,
    child,
    peakRssMb() {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
        return m ? Math.round(Number(m[1]) / 102.4) / 10 : null;
      } catch {
        return null;
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
