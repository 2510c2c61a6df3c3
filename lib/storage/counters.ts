import { and, asc, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { counterStores, type CounterContribution, type CounterStore, type StoreRole } from "@/db/schema";
import { isUniqueViolation, StorageNotFoundError, StorageValidationError } from "./errors";
import { isUuid, storeDescriptionSchema, storeNameSchema } from "./object-stores";
import { queryRows, toDecimalString } from "./sql";

export const MAX_GROUP_LENGTH = 254;

/** Counter groups are customer emails: trimmed and lower-cased, so "Ann@X.com" and "ann@x.com" are one customer. */
export function normaliseGroup(group: string): string {
  const g = group.trim().toLowerCase();
  if (!g) throw new StorageValidationError({ group: ["A counter group (the customer's email) cannot be empty"] });
  if (g.length > MAX_GROUP_LENGTH) throw new StorageValidationError({ group: [`A counter group is at most ${MAX_GROUP_LENGTH} characters`] });
  return g;
}

// ---------------------------------------------------------------- stores

export async function createCounterStore(
  db: Executor,
  teamId: string,
  input: { name: string; description?: string; role?: StoreRole | null },
): Promise<CounterStore> {
  const errors: Record<string, string[]> = {};
  const name = storeNameSchema.safeParse(input.name);
  if (!name.success) errors.name = name.error.issues.map((i) => i.message);
  const description = storeDescriptionSchema.safeParse(input.description ?? "");
  if (!description.success) errors.description = description.error.issues.map((i) => i.message);
  if (Object.keys(errors).length) throw new StorageValidationError(errors);
  try {
    const [store] = await db
      .insert(counterStores)
      .values({ teamId, name: name.data!, description: description.data!, role: input.role ?? null })
      .returning();
    return store;
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new StorageValidationError(
        input.role ? { role: [`This team already has a ${input.role} counter store`] } : { name: [`A counter store named "${name.data}" already exists`] },
      );
    }
    throw error;
  }
}

export async function getCounterStore(db: Executor, teamId: string, storeId: string): Promise<CounterStore | null> {
  if (!isUuid(storeId)) return null;
  const [store] = await db
    .select()
    .from(counterStores)
    .where(and(eq(counterStores.teamId, teamId), eq(counterStores.id, storeId)))
    .limit(1);
  return store ?? null;
}

export async function requireCounterStore(db: Executor, teamId: string, storeId: string): Promise<CounterStore> {
  const store = await getCounterStore(db, teamId, storeId);
  if (!store) throw new StorageNotFoundError("Counter store");
  return store;
}

export async function getCounterStoreByRole(db: Executor, teamId: string, role: StoreRole): Promise<CounterStore | null> {
  const [store] = await db
    .select()
    .from(counterStores)
    .where(and(eq(counterStores.teamId, teamId), eq(counterStores.role, role)))
    .limit(1);
  return store ?? null;
}

export type CounterStoreSummary = CounterStore & { counterCount: number };

export async function listCounterStores(db: Executor, teamId: string): Promise<CounterStoreSummary[]> {
  const stores = await db.select().from(counterStores).where(eq(counterStores.teamId, teamId)).orderBy(asc(counterStores.name));
  if (!stores.length) return [];
  const counts = await queryRows<{ store_id: string; n: number }>(
    db,
    sql`select store_id, count(*)::int as n from counters where team_id = ${teamId} group by store_id`,
  );
  const byStore = new Map(counts.map((c) => [c.store_id, Number(c.n)]));
  return stores.map((s) => ({ ...s, counterCount: byStore.get(s.id) ?? 0 }));
}

export async function deleteCounterStore(db: Executor, teamId: string, storeId: string): Promise<boolean> {
  if (!isUuid(storeId)) return false;
  const deleted = await db
    .delete(counterStores)
    .where(and(eq(counterStores.teamId, teamId), eq(counterStores.id, storeId)))
    .returning({ id: counterStores.id });
  return deleted.length > 0;
}

// ---------------------------------------------------------------- counters

/**
 * Adds `amount` (a decimal string; default 1) to the group's counter in one atomic statement
 * (insert-or-add in SQL; no read-modify-write here) and returns the new value as a decimal string.
 * The store is checked against the team in the same statement.
 */
export async function incrementCounter(
  db: Executor,
  teamId: string,
  storeId: string,
  group: string,
  amount: string | number = "1",
): Promise<string> {
  return addToCounter(db, teamId, storeId, group, toDecimalString(amount), false);
}

/** Subtracts `amount` (default 1) atomically; a counter may go below zero (reconciliation reports it). */
export async function decrementCounter(
  db: Executor,
  teamId: string,
  storeId: string,
  group: string,
  amount: string | number = "1",
): Promise<string> {
  return addToCounter(db, teamId, storeId, group, toDecimalString(amount), true);
}

async function addToCounter(db: Executor, teamId: string, storeId: string, group: string, amount: string, negate: boolean) {
  if (!isUuid(storeId)) throw new StorageNotFoundError("Counter store");
  const g = normaliseGroup(group);
  const delta = negate ? sql`-(${amount}::numeric)` : sql`${amount}::numeric`;
  const rows = await queryRows<{ value: string }>(
    db,
    sql`insert into counters (store_id, team_id, group_key, value)
        select cs.id, cs.team_id, ${g}, ${delta} from counter_stores cs where cs.id = ${storeId} and cs.team_id = ${teamId}
        on conflict (store_id, group_key) do update set value = counters.value + excluded.value, updated_at = now()
        returning value::text as value`,
  );
  if (!rows.length) throw new StorageNotFoundError("Counter store");
  return rows[0].value;
}

/** The group's value ("0" when it has never been counted); throws when the store is not the team's. */
export async function getCounter(db: Executor, teamId: string, storeId: string, group: string): Promise<string> {
  const values = await getCounters(db, teamId, storeId, [group]);
  return values[normaliseGroup(group)];
}

/** Values for several groups in one query, keyed by normalised group; absent groups are "0". */
export async function getCounters(db: Executor, teamId: string, storeId: string, groups: string[]): Promise<Record<string, string>> {
  if (!isUuid(storeId)) throw new StorageNotFoundError("Counter store");
  const normalised = [...new Set(groups.map(normaliseGroup))];
  const rows = await queryRows<{ group_key: string | null; value: string | null }>(
    db,
    sql`select c.group_key, c.value::text as value
        from counter_stores cs
        left join counters c on c.store_id = cs.id and c.team_id = cs.team_id
          and c.group_key in (select jsonb_array_elements_text(${JSON.stringify(normalised)}::jsonb))
        where cs.id = ${storeId} and cs.team_id = ${teamId}`,
  );
  if (!rows.length) throw new StorageNotFoundError("Counter store");
  const out: Record<string, string> = Object.fromEntries(normalised.map((g) => [g, "0"]));
  for (const row of rows) if (row.group_key != null) out[row.group_key] = row.value ?? "0";
  return out;
}

export type CounterRow = { group: string; value: string; updatedAt: Date };

/**
 * A page of the store's counters in group order. `search` matches part of the group (email);
 * `after` is the last group of the previous page (keyset, so every page costs the same).
 */
export async function listCounters(
  db: Executor,
  teamId: string,
  storeId: string,
  opts: { search?: string; after?: string; limit?: number } = {},
): Promise<{ items: CounterRow[]; nextCursor: string | null }> {
  if (!isUuid(storeId)) throw new StorageNotFoundError("Counter store");
  const limit = clampLimit(opts.limit);
  const search = opts.search?.trim().toLowerCase();
  const rows = await queryRows<{ group_key: string; value: string; updated_at: string | Date }>(
    db,
    sql`select group_key, value::text as value, updated_at from counters
        where team_id = ${teamId} and store_id = ${storeId}
        ${opts.after ? sql`and group_key > ${opts.after}` : sql``}
        ${search ? sql`and strpos(group_key, ${search}) > 0` : sql``}
        order by group_key limit ${limit + 1}`,
  );
  const items = rows.slice(0, limit).map((r) => ({ group: r.group_key, value: r.value, updatedAt: new Date(r.updated_at) }));
  return { items, nextCursor: rows.length > limit ? items[items.length - 1].group : null };
}

/**
 * Applies many signed deltas in one statement, summed per (store, group) and applied in key order
 * (so concurrent batches lock rows in the same order). Only the team's counter stores are touched.
 * With `dropZeros`, counters left at exactly zero are removed (a customer with no orders left).
 */
export async function applyCounterDeltas(
  db: Executor,
  teamId: string,
  deltas: readonly CounterContribution[],
  opts: { negate?: boolean; dropZeros?: boolean } = {},
): Promise<void> {
  if (!deltas.length) return;
  const payload = JSON.stringify(deltas.map((d) => ({ s: d.counterStoreId, g: d.group, a: toDecimalString(d.amount) })));
  const sign = opts.negate ? sql.raw("-") : sql.raw("");
  await db.execute(
    sql`insert into counters (store_id, team_id, group_key, value)
        select cs.id, cs.team_id, d.g, ${sign}sum(d.a)
        from jsonb_to_recordset(${payload}::jsonb) as d(s uuid, g text, a numeric)
        join counter_stores cs on cs.id = d.s and cs.team_id = ${teamId}
        group by cs.id, cs.team_id, d.g
        order by cs.id, d.g
        on conflict (store_id, group_key) do update set value = counters.value + excluded.value, updated_at = now()`,
  );
  if (opts.dropZeros) {
    await db.execute(
      sql`delete from counters c using (select distinct s, g from jsonb_to_recordset(${payload}::jsonb) as d(s uuid, g text)) d
          where c.team_id = ${teamId} and c.store_id = d.s and c.group_key = d.g and c.value = 0`,
    );
  }
}

export function clampLimit(limit: number | undefined, max = 1000): number {
  if (!limit || !Number.isFinite(limit)) return 50;
  return Math.max(1, Math.min(max, Math.floor(limit)));
}
