import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type RunningSandbox } from "@/sandbox/server";

/** Spawns the real CLI (`npx tsx cli/main.ts`) on its own database: DATABASE_URL when set, else a temp PGlite dir. */
let sandbox: RunningSandbox;
let dataDir: string;
const slug = `cli-${randomUUID().slice(0, 8)}`;

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DEMO_SEED: "false" };
    if (!process.env.DATABASE_URL) env.PGLITE_DIR = dataDir;
    const child = spawn("npx", ["tsx", "cli/main.ts", ...args], { cwd: path.resolve(import.meta.dirname, "../.."), env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "cli-pglite-"));
  sandbox = await startSandbox({ port: 0, rateLimits: false });
  const post = (p: string, body: unknown) =>
    fetch(`${sandbox.url}${p}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  await post("/_sandbox/demo-data", { seed: 3, customers: 20, orders: 60, days: 10, now: "2026-07-01T09:00:00Z" });
});

afterAll(async () => {
  await sandbox?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("cli", () => {
  it("creates a team, connects it, changes settings, runs the workflows and exports", { timeout: 180_000 }, async () => {
    const created = await cli(["team", "create", "--slug", slug, "--name", "CLI Team", "--timezone", "Europe/London"]);
    expect(created.stderr).toBe("");
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ slug });

    for (const args of [
      ["connect", "netsuite", "--team", slug, "--account-id", "SANDBOX", "--base-url", sandbox.url, "--access-token", "sandbox-netsuite-token"],
      ["connect", "hubspot", "--team", slug, "--base-url", sandbox.url, "--access-token", "pat-na1-sandbox-hubspot-token"],
      ["connect", "activecampaign", "--team", slug, "--base-url", sandbox.url, "--api-key", "sandbox-activecampaign-key"],
    ]) {
      const r = await cli(args);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
    }

    const set = await cli(["settings", "set", "--team", slug, "--json", '{"lists":{"today":"Thanks Today"}}']);
    expect(set.code).toBe(0);
    const shown = JSON.parse((await cli(["settings", "show", "--team", slug])).stdout);
    expect(shown.lists).toEqual({ volume: "Volume Promotion", today: "Thanks Today", sevenDay: "Seven Day Promotion" });
    const bad = await cli(["settings", "set", "--team", slug, "--json", '{"premiumThreshold":-5,"lists":{"volume":""}}']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
    expect(bad.stderr).toMatch(/premiumThreshold: .*lists\.volume: /);

    const extract = await cli(["run", "extract", "--team", slug, "--at", "2026-07-01T09:00:00Z", "--json"]);
    expect(extract.stderr).toBe("");
    expect(extract.code).toBe(0);
    const extractJson = JSON.parse(extract.stdout);
    expect(extractJson).toMatchObject({ workflow: "extract", status: "succeeded", runId: expect.any(String) });
    expect(extractJson.counts.added).toBeGreaterThan(0);

    const dry = await cli(["run", "promote", "--team", slug, "--at", "2026-07-01T09:00:00Z", "--dry-run", "--json"]);
    expect(dry.code).toBe(0);
    const dryJson = JSON.parse(dry.stdout);
    expect(dryJson.dryRun).toBe(true);
    expect(dryJson.decisions.length).toBe(dryJson.counts.customers);

    const list = await cli(["export", "promotion-list", "--team", slug, "--format", "json"]);
    expect(list.code).toBe(0);
    const records = JSON.parse(list.stdout) as Record<string, string>[];
    expect(records).toHaveLength(extractJson.counts.added);
    expect(records[0]).toMatchObject({ key: expect.stringMatching(/^NetSuite-/), "Email Address": expect.any(String), Promotion: "" });

    const countersCsv = await cli(["export", "counters", "--team", slug, "--format", "csv"]);
    expect(countersCsv.code).toBe(0);
    expect(countersCsv.stdout.split("\n")[0]).toBe("store,group,value");
    const countersJson = JSON.parse((await cli(["export", "counters", "--team", slug, "--format", "json"])).stdout);
    expect(countersJson[0]).toEqual({ store: expect.any(String), group: expect.any(String), value: expect.any(String) });

    const expire = await cli(["run", "expire", "--team", slug, "--at", "2026-07-20T09:00:00Z"]);
    expect(expire.code).toBe(0);
    expect(expire.stdout).toMatch(/expire run .* succeeded/);
    expect(JSON.parse((await cli(["export", "promotion-list", "--team", slug, "--format", "json"])).stdout)).toEqual([]);
  });

  it("answers bad arguments with a non-zero exit and a one-line reason", { timeout: 60_000 }, async () => {
    for (const args of [
      ["run", "bogus", "--team", slug],
      ["run", "extract", "--team", slug, "--at", "yesterday"],
      ["export", "counters", "--team", slug, "--format", "xml"],
      ["run", "expire", "--team", "no-such-team"],
      ["frobnicate"],
    ]) {
      const r = await cli(args);
      expect(r.code, args.join(" ")).not.toBe(0);
      expect(r.stderr.trim().split("\n"), args.join(" ")).toHaveLength(1);
      expect(r.stderr).toMatch(/^error: /);
    }
  });
});
