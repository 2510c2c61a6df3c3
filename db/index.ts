import { mkdirSync } from "node:fs";
import path from "node:path";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import * as schema from "./schema";

export type Schema = typeof schema;
/** The database handle: postgres.js or PGlite behind the same Drizzle API. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything a query can run on: the database or a caller's open transaction. */
export type Executor = Db | Tx;

const migrationsFolder = path.join(process.cwd(), "db", "migrations");

type Handle = { db: Db; kind: "postgres" | "pglite"; close: () => Promise<void> };

async function openPostgres(url: string): Promise<Handle> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  const client = postgres(url, { max: Number(process.env.DATABASE_POOL_SIZE ?? 10), onnotice: () => {} });
  const db = drizzle(client, { schema });
  if (process.env.DATABASE_AUTO_MIGRATE !== "false") await migrate(db, { migrationsFolder });
  return { db: db as unknown as Db, kind: "postgres", close: () => client.end() };
}

/** `memory://` gives a throwaway database (tests); anything else is a directory. */
async function openPglite(dir: string): Promise<Handle> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  if (!dir.startsWith("memory://")) mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(dir, { extensions: { pg_trgm } });
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder });
  return { db: db as unknown as Db, kind: "pglite", close: () => client.close() };
}

export function embeddedDataDir() {
  return process.env.PGLITE_DIR ?? path.join(process.cwd(), ".data", "pglite");
}

// One handle per process, kept on globalThis so Next's dev reloads do not open a second PGlite.
const globalRef = globalThis as unknown as { __dbHandle?: Promise<Handle> };

function handle(): Promise<Handle> {
  globalRef.__dbHandle ??= (async () => {
    const url = process.env.DATABASE_URL;
    const opened = url ? await openPostgres(url) : await openPglite(embeddedDataDir());
    const { ensureDemoData } = await import("@/lib/demo/seed");
    await ensureDemoData(opened.db);
    return opened;
  })().catch((error) => {
    globalRef.__dbHandle = undefined;
    throw error;
  });
  return globalRef.__dbHandle;
}

/** The process-wide database, migrated (and seeded with the demo merchant when empty) on first use. */
export async function getDb(): Promise<Db> {
  return (await handle()).db;
}

export async function databaseKind() {
  return (await handle()).kind;
}

export async function closeDb() {
  const current = globalRef.__dbHandle;
  globalRef.__dbHandle = undefined;
  if (current) await (await current).close();
}
