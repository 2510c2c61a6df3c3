import { randomUUID } from "node:crypto";
import { getDb, type Db } from "@/db";
import { createTeam } from "@/lib/teams/create-team";
import type { WorkflowSettingsInput } from "@/lib/workflows/settings";

/**
 * The database under test: a throwaway in-memory PGlite per test file, or the PostgreSQL named by
 * DATABASE_URL (shared by files, so tests isolate themselves by creating their own teams).
 */
export function testDb(): Promise<Db> {
  return getDb();
}

/** A fresh team with the default stores and settings; its slug is unique across test files. */
export async function makeTeam(db: Db, settings?: WorkflowSettingsInput) {
  const slug = `t-${randomUUID().slice(0, 12)}`;
  return createTeam(db, { slug, name: `Team ${slug}`, settings });
}
