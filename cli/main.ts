import { parseArgs, type ParseArgsConfig } from "node:util";
import { stringify } from "csv-stringify/sync";
import { eq } from "drizzle-orm";
import { closeDb, getDb, type Db } from "@/db";
import { teams, workflowNames, type WorkflowName } from "@/db/schema";
import { createConnection } from "@/lib/connectors/connections";
import { listCounterStores, listCounters } from "@/lib/storage/counters";
import { listObjectsInStore } from "@/lib/storage/objects";
import { getPromotionStores } from "@/lib/storage/promotion-list";
import { createTeam } from "@/lib/teams/create-team";
import { runWorkflowNow } from "@/lib/workflows/start-run";
import { getTeamSettings, updateTeamSettings } from "@/lib/workflows/team-settings";

/**
 * The command-line interface (contract in docs and issue 5; other tools depend on it):
 *   team create --slug <slug> --name <name> [--timezone <IANA zone>]
 *   connect netsuite --team <slug> --account-id <id> --base-url <url> --access-token <token>
 *   connect hubspot --team <slug> --base-url <url> --access-token <token>
 *   connect activecampaign --team <slug> --base-url <url> --api-key <key>
 *   settings show|set --team <slug> [--json '<partial settings>']
 *   run <extract|promote|expire> --team <slug> [--at <ISO-8601 instant>] [--dry-run] [--json]
 *   export promotion-list|counters --team <slug> --format json|csv
 * Exit 0 on success; otherwise a one-line reason on stderr and a non-zero code
 * (2: bad arguments, 1: the command failed).
 */

class UsageError extends Error {}
class CommandError extends Error {}

const usage =
  "usage: team create | connect netsuite|hubspot|activecampaign | settings show|set | run extract|promote|expire | export promotion-list|counters";

type Options = ParseArgsConfig["options"];

type Values = Record<string, string | boolean | undefined>;

function parse(args: string[], options: NonNullable<Options>): Values {
  try {
    return parseArgs({ args, options, allowPositionals: false, strict: true }).values as Values;
  } catch (error) {
    throw new UsageError((error as Error).message.split("\n")[0]);
  }
}

function required(values: Values, name: string): string {
  const value = values[name];
  if (typeof value !== "string" || value.trim() === "") throw new UsageError(`--${name} is required`);
  return value.trim();
}

async function teamBySlug(db: Db, slug: string) {
  const [team] = await db.select().from(teams).where(eq(teams.slug, slug.toLowerCase()));
  if (!team) throw new CommandError(`No team with slug "${slug}"`);
  return team;
}

function out(text: string) {
  process.stdout.write(text.endsWith("\n") ? text : text + "\n");
}

// ---------------------------------------------------------------- commands

async function teamCommand(db: Db, args: string[]) {
  const [sub, ...rest] = args;
  if (sub !== "create") throw new UsageError("usage: team create --slug <slug> --name <name> [--timezone <IANA zone>]");
  const v = parse(rest, { slug: { type: "string" }, name: { type: "string" }, timezone: { type: "string" } });
  const slug = required(v, "slug");
  const name = required(v, "name");
  const [existing] = await db.select({ id: teams.id }).from(teams).where(eq(teams.slug, slug.toLowerCase()));
  if (existing) throw new CommandError(`A team with slug "${slug}" already exists`);
  let team;
  try {
    team = await db.transaction((tx) =>
      createTeam(tx, { slug, name, settings: typeof v.timezone === "string" ? { timeZone: v.timezone } : undefined }),
    );
  } catch (error) {
    throw new CommandError(describeZod(error));
  }
  out(JSON.stringify({ id: team.id, slug: team.slug, name: team.name }));
}

/** What each `connect` command reads, and the connection it makes from it. */
const connectSpecs = {
  netsuite: {
    options: { "account-id": { type: "string" }, "access-token": { type: "string" } },
    connection: (v: Values) => ({
      provider: "netsuite" as const,
      authKind: "token" as const,
      accountId: required(v, "account-id"),
      credentials: { kind: "token" as const, accessToken: required(v, "access-token") },
    }),
  },
  hubspot: {
    options: { "access-token": { type: "string" } },
    connection: (v: Values) => ({
      provider: "hubspot" as const,
      authKind: "token" as const,
      credentials: { kind: "token" as const, accessToken: required(v, "access-token") },
    }),
  },
  activecampaign: {
    options: { "api-key": { type: "string" } },
    connection: (v: Values) => ({
      provider: "activecampaign" as const,
      authKind: "api_key" as const,
      credentials: { kind: "api_key" as const, apiKey: required(v, "api-key") },
    }),
  },
} satisfies Record<string, { options: NonNullable<Options>; connection: (v: Values) => unknown }>;

async function connectCommand(db: Db, args: string[]) {
  const [provider, ...rest] = args;
  if (!Object.hasOwn(connectSpecs, provider ?? "")) throw new UsageError("usage: connect netsuite|hubspot|activecampaign --team <slug> ...");
  const spec = connectSpecs[provider as keyof typeof connectSpecs];
  const v = parse(rest, { team: { type: "string" }, "base-url": { type: "string" }, ...spec.options });
  const team = await teamBySlug(db, required(v, "team"));
  const connection = await createConnection(db, { teamId: team.id, baseUrl: required(v, "base-url"), ...spec.connection(v) });
  out(JSON.stringify({ id: connection.id, provider: connection.provider, baseUrl: connection.baseUrl, status: connection.status }));
}

async function settingsCommand(db: Db, args: string[]) {
  const [sub, ...rest] = args;
  if (sub !== "show" && sub !== "set") throw new UsageError("usage: settings show|set --team <slug> [--json '<partial settings>']");
  const v = parse(rest, { team: { type: "string" }, json: { type: "string" } });
  const team = await teamBySlug(db, required(v, "team"));
  if (sub === "show") {
    out(JSON.stringify(await getTeamSettings(db, team.id), null, 2));
    return;
  }
  let patch: unknown;
  try {
    patch = JSON.parse(required(v, "json"));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--json is not valid JSON: ${(error as Error).message}`);
  }
  const result = await updateTeamSettings(db, team.id, patch);
  if (!result.ok) throw new CommandError(`Invalid settings: ${result.errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`);
  out(JSON.stringify(result.settings, null, 2));
}

async function runCommand(db: Db, args: string[]) {
  const [workflow, ...rest] = args;
  if (!workflowNames.includes(workflow as WorkflowName)) {
    throw new UsageError("usage: run <extract|promote|expire> --team <slug> [--at <ISO-8601 instant>] [--dry-run] [--json]");
  }
  const v = parse(rest, { team: { type: "string" }, at: { type: "string" }, "dry-run": { type: "boolean" }, json: { type: "boolean" } });
  const slug = required(v, "team");
  let at: Date | undefined;
  if (v.at !== undefined) {
    const text = String(v.at);
    at = new Date(text);
    // An instant needs its zone: without one the machine's local time would silently decide the run's day.
    if (!/^\d{4}-\d{2}-\d{2}T[^Z+-]*(Z|[+-]\d{2}:?\d{2})$/i.test(text) || Number.isNaN(at.getTime())) {
      throw new UsageError(`--at must be an ISO-8601 instant, with its zone, e.g. 2026-07-01T09:00:00Z (got "${text}")`);
    }
  }
  const team = await teamBySlug(db, slug);
  const result = await runWorkflowNow({
    db,
    teamId: team.id,
    workflow: workflow as WorkflowName,
    trigger: "cli",
    at,
    dryRun: v["dry-run"] === true,
  });
  if (v.json) {
    out(JSON.stringify(result));
  } else {
    out(`${result.workflow} run ${result.runId} ${result.status}${result.dryRun ? " (dry run)" : ""} at ${result.at}`);
    for (const [k, n] of Object.entries(result.counts)) out(`  ${k}: ${n}`);
    for (const d of result.decisions ?? []) out(`  ${d.email}: ${d.reason}`);
  }
  if (result.status !== "succeeded") throw new CommandError(`The ${result.workflow} run failed: ${result.error ?? "unknown error"}`);
}

async function exportCommand(db: Db, args: string[]) {
  const [what, ...rest] = args;
  if (what !== "promotion-list" && what !== "counters") {
    throw new UsageError("usage: export promotion-list|counters --team <slug> --format json|csv");
  }
  const v = parse(rest, { team: { type: "string" }, format: { type: "string" } });
  const format = required(v, "format");
  if (format !== "json" && format !== "csv") throw new UsageError(`--format must be json or csv (got "${format}")`);
  const team = await teamBySlug(db, required(v, "team"));

  if (what === "promotion-list") {
    const { list } = await getPromotionStores(db, team.id);
    const rows: Record<string, unknown>[] = [];
    let cursor: string | null = null;
    do {
      const page = await listObjectsInStore(db, list, { sort: { by: "key", dir: "asc" }, cursor, limit: 1000 });
      for (const item of page.items) rows.push({ key: item.key, ...item.data });
      cursor = page.nextCursor;
    } while (cursor);
    if (format === "json") out(JSON.stringify(rows, null, 2));
    else process.stdout.write(stringify(rows, { header: true, columns: ["key", ...list.fields] }));
    return;
  }

  const rows: { store: string; group: string; value: string }[] = [];
  for (const store of await listCounterStores(db, team.id)) {
    let after: string | undefined;
    for (;;) {
      const page = await listCounters(db, team.id, store.id, { after, limit: 1000 });
      for (const c of page.items) rows.push({ store: store.name, group: c.group, value: c.value });
      if (!page.nextCursor) break;
      after = page.nextCursor;
    }
  }
  if (format === "json") out(JSON.stringify(rows, null, 2));
  else process.stdout.write(stringify(rows, { header: true, columns: ["store", "group", "value"] }));
}

function describeZod(error: unknown): string {
  const issues = (error as { issues?: { path: PropertyKey[]; message: string }[] })?.issues;
  if (Array.isArray(issues)) return issues.map((i) => `${i.path.map(String).join(".") || "value"}: ${i.message}`).join("; ");
  return error instanceof Error ? error.message : String(error);
}

const commands: Record<string, (db: Db, args: string[]) => Promise<void>> = {
  team: teamCommand,
  connect: connectCommand,
  settings: settingsCommand,
  run: runCommand,
  export: exportCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? commands[name] : undefined;
  try {
    if (!command) throw new UsageError(usage);
    const db = await getDb();
    await command(db, args);
    return 0;
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ").trim();
    process.stderr.write(`error: ${message}\n`);
    return error instanceof UsageError ? 2 : 1;
  } finally {
    await closeDb().catch(() => {});
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
