import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db";
import { objectStores, type ObjectStore, type StoreRole } from "@/db/schema";
import { isUniqueViolation, StorageNotFoundError, StorageValidationError } from "./errors";
import { parseFieldList } from "./fields";
import { queryRows } from "./sql";

export const storeNameSchema = z.string().trim().min(1, "Give the store a name").max(120, "A name is at most 120 characters");
export const storeDescriptionSchema = z.string().trim().max(2000, "A description is at most 2000 characters").default("");

export type CreateObjectStoreInput = {
  name: string;
  description?: string;
  /** The setup form's comma-separated list, or the names already split. */
  fields: string | readonly string[];
  retentionDays?: number | null;
  role?: StoreRole | null;
};

/** Validates name, description and field list together; every problem is reported per input. */
export function validateObjectStoreInput(input: CreateObjectStoreInput) {
  const errors: Record<string, string[]> = {};
  const name = storeNameSchema.safeParse(input.name);
  if (!name.success) errors.name = name.error.issues.map((i) => i.message);
  const description = storeDescriptionSchema.safeParse(input.description ?? "");
  if (!description.success) errors.description = description.error.issues.map((i) => i.message);
  const fields = parseFieldList(input.fields);
  if (!fields.ok) errors.fields = fields.errors;
  const retention = input.retentionDays;
  if (retention != null && (!Number.isInteger(retention) || retention < 1 || retention > 3650)) {
    errors.retentionDays = ["Retention is a whole number of days between 1 and 3650"];
  }
  if (Object.keys(errors).length) throw new StorageValidationError(errors);
  return { name: name.data!, description: description.data!, fields: (fields as { fields: string[] }).fields };
}

export async function createObjectStore(db: Executor, teamId: string, input: CreateObjectStoreInput): Promise<ObjectStore> {
  const valid = validateObjectStoreInput(input);
  try {
    const [store] = await db
      .insert(objectStores)
      .values({ teamId, ...valid, retentionDays: input.retentionDays ?? null, role: input.role ?? null })
      .returning();
    return store;
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new StorageValidationError(
        input.role ? { role: [`This team already has a ${input.role} store`] } : { name: [`A store named "${valid.name}" already exists`] },
      );
    }
    throw error;
  }
}

/** The team's store, or null (also for another team's store id or a malformed id). */
export async function getObjectStore(db: Executor, teamId: string, storeId: string): Promise<ObjectStore | null> {
  if (!isUuid(storeId)) return null;
  const [store] = await db
    .select()
    .from(objectStores)
    .where(and(eq(objectStores.teamId, teamId), eq(objectStores.id, storeId)))
    .limit(1);
  return store ?? null;
}

export async function requireObjectStore(db: Executor, teamId: string, storeId: string): Promise<ObjectStore> {
  const store = await getObjectStore(db, teamId, storeId);
  if (!store) throw new StorageNotFoundError("Object store");
  return store;
}

export async function getObjectStoreByRole(db: Executor, teamId: string, role: StoreRole): Promise<ObjectStore | null> {
  const [store] = await db
    .select()
    .from(objectStores)
    .where(and(eq(objectStores.teamId, teamId), eq(objectStores.role, role)))
    .limit(1);
  return store ?? null;
}

export type ObjectStoreSummary = ObjectStore & { recordCount: number };

/** The team's object stores with their record counts (one query). */
export async function listObjectStores(db: Executor, teamId: string): Promise<ObjectStoreSummary[]> {
  const stores = await db.select().from(objectStores).where(eq(objectStores.teamId, teamId)).orderBy(asc(objectStores.name));
  if (!stores.length) return [];
  const counts = await queryRows<{ store_id: string; n: number }>(
    db,
    sql`select store_id, count(*)::int as n from stored_objects where team_id = ${teamId} group by store_id`,
  );
  const byStore = new Map(counts.map((c) => [c.store_id, Number(c.n)]));
  return stores.map((s) => ({ ...s, recordCount: byStore.get(s.id) ?? 0 }));
}

/** Deletes a store and its records (not the counters its records added to). */
export async function deleteObjectStore(db: Executor, teamId: string, storeId: string): Promise<boolean> {
  if (!isUuid(storeId)) return false;
  const deleted = await db
    .delete(objectStores)
    .where(and(eq(objectStores.teamId, teamId), eq(objectStores.id, storeId)))
    .returning({ id: objectStores.id });
  return deleted.length > 0;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}
