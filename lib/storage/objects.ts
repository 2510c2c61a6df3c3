import { and, eq, getTableColumns, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db";
import { storedObjects, type CounterContribution, type ObjectStore, type StoredObject } from "@/db/schema";
import { applyCounterDeltas, clampLimit } from "./counters";
import { StorageNotFoundError, StorageValidationError } from "./errors";
import { resolveField, validateKey, validateObjectData, type ObjectData } from "./fields";
import { isUuid, requireObjectStore } from "./object-stores";
import { fieldLiteral } from "./sql";

const data = sql.raw('"stored_objects"."data"');
/** `data->>'Field'`, written so it matches the expression indexes in db/schema.ts. */
export const fieldExpr = (field: string): SQL => sql`(${data}->>${fieldLiteral(field)})`;
const sortExpr = (field: string): SQL => sql`coalesce(${fieldExpr(field)}, '')`;
const keyC = sql.raw(`("stored_objects"."key" collate "C")`);

function checkRecord(store: ObjectStore, key: string, input: unknown): ObjectData {
  const errors: Record<string, string[]> = {};
  const keyErrors = validateKey(key);
  if (keyErrors.length) errors.key = keyErrors;
  const result = validateObjectData(store.fields, input);
  if (!result.ok) Object.assign(errors, result.errors);
  if (Object.keys(errors).length) throw new StorageValidationError(errors);
  return (result as { data: ObjectData }).data;
}

/** The record with this key in the team's store, or null. One indexed query. */
export async function getObject(db: Executor, teamId: string, storeId: string, key: string): Promise<StoredObject | null> {
  if (!isUuid(storeId) || validateKey(key).length) return null;
  const [row] = await db
    .select()
    .from(storedObjects)
    .where(and(eq(storedObjects.storeId, storeId), eq(storedObjects.key, key), eq(storedObjects.teamId, teamId)))
    .limit(1);
  return row ?? null;
}

/** Inserts the record unless its key exists; says whether it was added and returns the stored record. */
export async function addObjectIfAbsent(
  db: Executor,
  teamId: string,
  storeId: string,
  key: string,
  input: Record<string, unknown>,
): Promise<{ added: boolean; object: StoredObject }> {
  const store = await requireObjectStore(db, teamId, storeId);
  const clean = checkRecord(store, key, input);
  const [inserted] = await db
    .insert(storedObjects)
    .values({ teamId, storeId: store.id, key, data: clean })
    .onConflictDoNothing({ target: [storedObjects.storeId, storedObjects.key] })
    .returning();
  if (inserted) return { added: true, object: inserted };
  const existing = await getObject(db, teamId, storeId, key);
  if (!existing) throw new Error(`Record ${key} was neither inserted nor found`);
  return { added: false, object: existing };
}

/**
 * Creates or replaces the record (upsert). `merge: true` keeps fields not given. The counter ledger
 * (`contributions`) of an existing record is kept: replacing data never re-counts.
 */
export async function setObject(
  db: Executor,
  teamId: string,
  storeId: string,
  key: string,
  input: Record<string, unknown>,
  opts: { merge?: boolean } = {},
): Promise<StoredObject> {
  const store = await requireObjectStore(db, teamId, storeId);
  const clean = checkRecord(store, key, input);
  const [row] = await db
    .insert(storedObjects)
    .values({ teamId, storeId: store.id, key, data: clean })
    .onConflictDoUpdate({
      target: [storedObjects.storeId, storedObjects.key],
      set: {
        data: opts.merge ? sql`${storedObjects.data} || excluded.data` : sql`excluded.data`,
        updatedAt: sql`now()`,
      },
    })
    .returning();
  return row;
}

export type ObjectSort = { by: "created" | "key" | (string & {}); dir?: "asc" | "desc" };
export type ListObjectsOptions = {
  /** Case-insensitive equality on field values (all must match). */
  filters?: Array<{ field: string; value: string }>;
  keyPrefix?: string;
  /** Free text: an email is matched exactly on "Email Address" (indexed); anything else on key or any value containing it. */
  search?: string;
  sort?: ObjectSort;
  cursor?: string | null;
  limit?: number;
};
export type ObjectPage = { items: StoredObject[]; nextCursor: string | null };

type Cursor = { s: string; v: string; id: number };
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString("base64url");
function decodeCursor(raw: string | null | undefined, sortKey: string): Cursor | null {
  if (!raw) return null;
  try {
    const c = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Cursor;
    return c && c.s === sortKey && typeof c.v === "string" && Number.isSafeInteger(c.id) ? c : null;
  } catch {
    return null;
  }
}

/** Normalises filter fields and sort against the store; unknown fields are a validation error. */
export function resolveListOptions(store: ObjectStore, opts: ListObjectsOptions) {
  const errors: Record<string, string[]> = {};
  const filters: Array<{ field: string; value: string }> = [];
  for (const f of opts.filters ?? []) {
    const field = resolveField(store.fields, f.field);
    if (!field) (errors.filters ??= []).push(`Unknown field "${f.field}"`);
    else if (f.value !== "") filters.push({ field, value: f.value });
  }
  let sortBy = opts.sort?.by ?? "created";
  if (sortBy !== "created" && sortBy !== "key") {
    const field = resolveField(store.fields, sortBy);
    if (!field) errors.sort = [`Cannot sort by unknown field "${sortBy}"`];
    else sortBy = field;
  }
  if (Object.keys(errors).length) throw new StorageValidationError(errors);
  const dir: "asc" | "desc" = opts.sort?.dir ?? (sortBy === "created" ? "desc" : "asc");
  return { filters, sortBy, dir };
}

/**
 * A page of records with filters, sort and a keyset cursor (no OFFSET: page 2,000 costs what page 1
 * does). Sorting by created time or key is index-backed, as are filters on "Email Address", and
 * sorting by "Date Of Purchase".
 */
export async function listObjects(db: Executor, teamId: string, storeId: string, opts: ListObjectsOptions = {}): Promise<ObjectPage> {
  const store = await requireObjectStore(db, teamId, storeId);
  return listObjectsInStore(db, store, opts);
}

export async function listObjectsInStore(db: Executor, store: ObjectStore, opts: ListObjectsOptions = {}): Promise<ObjectPage> {
  const { filters, sortBy, dir } = resolveListOptions(store, opts);
  const limit = clampLimit(opts.limit);
  const where: SQL[] = [sql`"stored_objects"."store_id" = ${store.id}`, sql`"stored_objects"."team_id" = ${store.teamId}`];
  for (const f of filters) where.push(sql`lower(${fieldExpr(f.field)}) = ${f.value.trim().toLowerCase()}`);
  if (opts.keyPrefix) where.push(keyPrefixCondition(opts.keyPrefix));
  const search = opts.search?.trim();
  if (search) where.push(searchCondition(store, search));

  const sortKey = sortBy === "created" ? "created" : sortBy === "key" ? "key" : `f:${sortBy}`;
  const sortValue: SQL =
    sortBy === "created" ? sql`"stored_objects"."created_at"` : sortBy === "key" ? keyC : sortExpr(sortBy);
  const cursorText: SQL =
    sortBy === "created" ? sql`"stored_objects"."created_at"::text` : sortBy === "key" ? sql`"stored_objects"."key"` : sortExpr(sortBy);
  const cursor = decodeCursor(opts.cursor, sortKey);
  if (cursor) {
    const v = sortBy === "created" ? sql`${cursor.v}::timestamptz` : sortBy === "key" ? sql`(${cursor.v} collate "C")` : sql`${cursor.v}`;
    where.push(dir === "asc" ? sql`(${sortValue}, "stored_objects"."id") > (${v}, ${cursor.id})` : sql`(${sortValue}, "stored_objects"."id") < (${v}, ${cursor.id})`);
  }
  const d = sql.raw(dir);
  const rows = await db
    .select({ ...getTableColumns(storedObjects), cursorText: sql<string>`${cursorText}`.as("cursor_text") })
    .from(storedObjects)
    .where(and(...where))
    .orderBy(sql`${sortValue} ${d}`, sql`"stored_objects"."id" ${d}`)
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(({ cursorText: _c, ...row }) => row),
    nextCursor: rows.length > limit && last ? encodeCursor({ s: sortKey, v: last.cursorText, id: last.id }) : null,
  };
}

function keyPrefixCondition(prefix: string): SQL {
  const last = prefix.charCodeAt(prefix.length - 1);
  const canBound = last < 0xd7ff;
  const upper = prefix.slice(0, -1) + String.fromCharCode(last + 1);
  return canBound
    ? sql`${keyC} >= (${prefix} collate "C") and ${keyC} < (${upper} collate "C")`
    : sql`starts_with("stored_objects"."key", ${prefix})`;
}

const emailPattern = /^[^\s@]+@[^\s@]+$/;
function searchCondition(store: ObjectStore, search: string): SQL {
  const emailField = resolveField(store.fields, "Email Address");
  if (emailField === "Email Address" && emailPattern.test(search)) {
    return sql`lower(${fieldExpr(emailField)}) = ${search.toLowerCase()}`;
  }
  const needle = search.toLowerCase();
  const inKey = sql`strpos(lower("stored_objects"."key"), ${needle}) > 0`;
  const inValues = sql`exists (select 1 from jsonb_each_text("stored_objects"."data") e where strpos(lower(e.value), ${needle}) > 0)`;
  // JSON escapes quotes, backslashes and control characters, so such text cannot be found in the record's JSON.
  if (/["\\\u0000-\u001f]/.test(needle)) return sql`(${inKey} or ${inValues})`;
  // First pass through the trigram index on key + record text (stored_objects_text_trgm_idx), so a
  // search does not read every record; the exact checks then drop matches that were only in a
  // field name, in JSON punctuation or across the key/record boundary.
  const pattern = `%${needle.replace(/[%_]/g, (c) => `\\${c}`)}%`;
  return sql`(lower(("stored_objects"."key" || ' ' || ("stored_objects"."data")::text)) like ${pattern} and (${inKey} or ${inValues}))`;
}

// ---------------------------------------------------------------- deletes (counters stay consistent)

export type DeletedObject = { key: string; data: ObjectData; contributions: CounterContribution[] };

/**
 * Deletes the matching records of the team's store and, in the same transaction, subtracts
 * exactly what each record had added to counters (its `contributions`), dropping counters left at 0.
 */
async function deleteWhere(db: Executor, teamId: string, storeId: string, condition: SQL, limit?: number): Promise<DeletedObject[]> {
  if (!isUuid(storeId)) return [];
  return db.transaction(async (tx) => {
    const victims = sql`select id from stored_objects
      where store_id = ${storeId} and team_id = ${teamId} and ${condition}
      ${limit ? sql`order by id limit ${limit}` : sql``}
      for update`;
    const deleted = await tx
      .delete(storedObjects)
      .where(sql`"stored_objects"."id" in (${victims})`)
      .returning({ key: storedObjects.key, data: storedObjects.data, contributions: storedObjects.contributions });
    await applyCounterDeltas(tx, teamId, deleted.flatMap((r) => r.contributions ?? []), { negate: true, dropZeros: true });
    return deleted as DeletedObject[];
  });
}

/** Deletes one record by key; returns it (null when absent). Its counter contributions are subtracted. */
export async function deleteObject(db: Executor, teamId: string, storeId: string, key: string): Promise<DeletedObject | null> {
  if (validateKey(key).length) return null;
  const [deleted] = await deleteWhere(db, teamId, storeId, sql`key = ${key}`);
  return deleted ?? null;
}

/** Deletes several records by key in one statement. */
export async function deleteObjects(db: Executor, teamId: string, storeId: string, keys: string[]): Promise<DeletedObject[]> {
  if (!keys.length) return [];
  return deleteWhere(db, teamId, storeId, sql`key in (select jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb))`);
}

/**
 * Deletes records whose date field (ISO text: YYYY-MM-DD or a timestamp) is before `before`,
 * at most `limit` per call, and returns what was deleted. Records without the date are kept.
 */
export async function deleteObjectsOlderThan(
  db: Executor,
  teamId: string,
  storeId: string,
  opts: { field: string; before: string; limit?: number },
): Promise<DeletedObject[]> {
  const store = await requireObjectStore(db, teamId, storeId);
  const field = resolveField(store.fields, opts.field);
  if (!field) throw new StorageValidationError({ field: [`Unknown field "${opts.field}"`] });
  if (!opts.before.trim()) throw new StorageValidationError({ before: ["Give a cutoff date"] });
  const expr = sortExpr(field);
  return deleteWhere(db, teamId, storeId, sql`${expr} > '' and ${expr} < ${opts.before.trim()}`, opts.limit ? clampLimit(opts.limit, 10_000) : undefined);
}

export { StorageNotFoundError };
