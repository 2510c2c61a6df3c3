import { describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { StorageNotFoundError, StorageValidationError } from "@/lib/storage/errors";
import { createObjectStore } from "@/lib/storage/object-stores";
import {
  addObjectIfAbsent,
  deleteObject,
  deleteObjectsOlderThan,
  getObject,
  listObjects,
  setObject,
} from "@/lib/storage/objects";
import { makeTeam, testDb } from "../helpers/db";

async function storeWithRecords(db: Db, n = 0) {
  const team = await makeTeam(db);
  const store = await createObjectStore(db, team.id, { name: "Orders", fields: "Email, Amount, Placed On, City" });
  for (let i = 0; i < n; i++) {
    await setObject(db, team.id, store.id, `K-${String(i).padStart(3, "0")}`, {
      Email: `c${i % 3}@x.test`,
      Amount: String(i),
      "Placed On": `2026-01-${String((i % 28) + 1).padStart(2, "0")}`,
      City: i % 2 ? "London" : "Leeds",
    });
  }
  return { team, store };
}

describe("object records", () => {
  it("gets, adds if absent and sets by key", async () => {
    const db = await testDb();
    const { team, store } = await storeWithRecords(db);
    expect(await getObject(db, team.id, store.id, "A")).toBeNull();
    const first = await addObjectIfAbsent(db, team.id, store.id, "A", { email: "a@x.test", Amount: 5 });
    expect(first.added).toBe(true);
    expect(first.object.data).toEqual({ Email: "a@x.test", Amount: 5 });
    const again = await addObjectIfAbsent(db, team.id, store.id, "A", { Email: "other@x.test" });
    expect(again).toMatchObject({ added: false, object: { data: { Email: "a@x.test" } } });
    await setObject(db, team.id, store.id, "A", { Email: "b@x.test" });
    expect((await getObject(db, team.id, store.id, "A"))?.data).toEqual({ Email: "b@x.test" });
    await setObject(db, team.id, store.id, "A", { City: "London" }, { merge: true });
    expect((await getObject(db, team.id, store.id, "A"))?.data).toEqual({ Email: "b@x.test", City: "London" });
  });

  it("never saves a half-valid record", async () => {
    const db = await testDb();
    const { team, store } = await storeWithRecords(db);
    const error = await setObject(db, team.id, store.id, "x".repeat(129), { Email: "a@x.test", Colour: "red" }).catch((e) => e);
    expect(error).toBeInstanceOf(StorageValidationError);
    expect(error.fieldErrors.key).toEqual(["A key is at most 128 characters (this one has 129)"]);
    expect(error.fieldErrors.Colour[0]).toMatch(/^Unknown field "Colour"/);
    await expect(addObjectIfAbsent(db, team.id, store.id, "B", { Email: "a@x.test", Colour: "red" })).rejects.toThrow(/Unknown field/);
    expect(await getObject(db, team.id, store.id, "B")).toBeNull();
    await expect(setObject(db, team.id, store.id, "", { Email: "a" })).rejects.toThrow(/key cannot be empty/);
  });

  it("searches for text with LIKE wildcards and JSON-escaped characters literally", async () => {
    const db = await testDb();
    const { team, store } = await storeWithRecords(db);
    await setObject(db, team.id, store.id, "discount", { Email: "a@x.test", City: "50% off_today" });
    await setObject(db, team.id, store.id, "plain", { Email: "b@x.test", City: "500 off today" });
    await setObject(db, team.id, store.id, "quoted", { Email: "c@x.test", City: 'The "Ring" Shop \\ Leeds' });
    const keys = async (search: string) => (await listObjects(db, team.id, store.id, { search, limit: 100 })).items.map((i) => i.key).sort();
    expect(await keys("50%")).toEqual(["discount"]);
    expect(await keys("off_today")).toEqual(["discount"]);
    expect(await keys("off today")).toEqual(["plain"]);
    expect(await keys('"ring"')).toEqual(["quoted"]);
    expect(await keys("\\ leeds")).toEqual(["quoted"]);
    expect(await keys("X.TEST")).toEqual(["discount", "plain", "quoted"]);
  });

  it("lists with filters, key prefix, search, sort and a keyset cursor", async () => {
    const db = await testDb();
    const { team, store } = await storeWithRecords(db, 30);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await listObjects(db, team.id, store.id, { sort: { by: "key", dir: "asc" }, limit: 7, cursor });
      seen.push(...page.items.map((i) => i.key));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => `K-${String(i).padStart(3, "0")}`));

    const byCreated = await listObjects(db, team.id, store.id, { limit: 100 });
    expect(byCreated.items[0].key).toBe("K-029");

    const london = await listObjects(db, team.id, store.id, { filters: [{ field: "city", value: "LONDON" }], limit: 100 });
    expect(london.items).toHaveLength(15);
    const c1 = await listObjects(db, team.id, store.id, { filters: [{ field: "Email", value: "C1@x.test" }, { field: "City", value: "London" }], limit: 100 });
    expect(c1.items.map((i) => i.key).sort()).toEqual(["K-001", "K-007", "K-013", "K-019", "K-025"]);

    const prefix = await listObjects(db, team.id, store.id, { keyPrefix: "K-01", sort: { by: "key" } });
    expect(prefix.items.map((i) => i.key)).toEqual(["K-010", "K-011", "K-012", "K-013", "K-014", "K-015", "K-016", "K-017", "K-018", "K-019"]);

    const search = await listObjects(db, team.id, store.id, { search: "01-2", limit: 100 });
    expect(search.items.every((i) => String(i.data["Placed On"]).includes("01-2"))).toBe(true);
    expect(search.items.length).toBeGreaterThan(0);
    // Field names and JSON punctuation are not values: they never match on their own.
    expect((await listObjects(db, team.id, store.id, { search: "placed on", limit: 100 })).items).toHaveLength(0);
    expect((await listObjects(db, team.id, store.id, { search: '":"', limit: 100 })).items).toHaveLength(0);

    // Keys match too, case-insensitively; a match only across the key/record boundary does not.
    expect((await listObjects(db, team.id, store.id, { search: "k-02", limit: 100 })).items.map((i) => i.key)).toHaveLength(10);
    expect((await listObjects(db, team.id, store.id, { search: "029 {", limit: 100 })).items).toHaveLength(0);

    // Sort by a field, descending, across pages: same order as a one-shot sort.
    const all: string[] = [];
    cursor = null;
    do {
      const page = await listObjects(db, team.id, store.id, { sort: { by: "Placed On", dir: "desc" }, limit: 4, cursor });
      all.push(...page.items.map((i) => `${i.data["Placed On"]}|${i.key}`));
      cursor = page.nextCursor;
    } while (cursor);
    expect(all).toHaveLength(30);
    const dates = all.map((s) => s.split("|")[0]);
    expect(dates).toEqual([...dates].sort().reverse());

    await expect(listObjects(db, team.id, store.id, { sort: { by: "Nope" } })).rejects.toThrow(/unknown field "Nope"/);
  });

  it("deletes by key and by date older than a cutoff, returning what was deleted", async () => {
    const db = await testDb();
    const { team, store } = await storeWithRecords(db, 10);
    expect((await deleteObject(db, team.id, store.id, "K-000"))?.key).toBe("K-000");
    expect(await deleteObject(db, team.id, store.id, "K-000")).toBeNull();
    const old = await deleteObjectsOlderThan(db, team.id, store.id, { field: "placed on", before: "2026-01-05" });
    expect(old.map((o) => o.key).sort()).toEqual(["K-001", "K-002", "K-003"]);
    const limited = await deleteObjectsOlderThan(db, team.id, store.id, { field: "Placed On", before: "2026-02-01", limit: 2 });
    expect(limited).toHaveLength(2);
    expect((await listObjects(db, team.id, store.id, { limit: 100 })).items).toHaveLength(4);
  });

  it("never lets one team reach another team's store", async () => {
    const db = await testDb();
    const { team, store } = await storeWithRecords(db, 2);
    const intruder = await makeTeam(db);
    expect(await getObject(db, intruder.id, store.id, "K-000")).toBeNull();
    await expect(listObjects(db, intruder.id, store.id)).rejects.toBeInstanceOf(StorageNotFoundError);
    await expect(setObject(db, intruder.id, store.id, "K-000", { Email: "evil" })).rejects.toBeInstanceOf(StorageNotFoundError);
    await expect(addObjectIfAbsent(db, intruder.id, store.id, "Z", { Email: "evil" })).rejects.toBeInstanceOf(StorageNotFoundError);
    expect(await deleteObject(db, intruder.id, store.id, "K-000")).toBeNull();
    await expect(deleteObjectsOlderThan(db, intruder.id, store.id, { field: "Placed On", before: "2099-01-01" })).rejects.toBeInstanceOf(StorageNotFoundError);
    expect(await getObject(db, team.id, store.id, "K-000")).not.toBeNull();
    expect(await getObject(db, team.id, "not-a-uuid", "K-000")).toBeNull();
  });
});
