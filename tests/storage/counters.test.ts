import { afterAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import * as schema from "@/db/schema";
import {
  createCounterStore,
  decrementCounter,
  getCounter,
  getCounters,
  incrementCounter,
  listCounters,
} from "@/lib/storage/counters";
import { StorageNotFoundError } from "@/lib/storage/errors";
import { makeTeam, testDb } from "../helpers/db";

const extraClients: Array<() => Promise<void>> = [];
afterAll(async () => {
  await Promise.all(extraClients.map((close) => close()));
});

/** On PostgreSQL, `n` separate connections; on PGlite, the one in-process database `n` times. */
async function connections(db: Db, n: number): Promise<Db[]> {
  const url = process.env.DATABASE_URL;
  if (!url) return Array.from({ length: n }, () => db);
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  return Array.from({ length: n }, () => {
    const client = postgres(url, { max: 1, onnotice: () => {} });
    extraClients.push(() => client.end());
    return drizzle(client, { schema }) as unknown as Db;
  });
}

describe("counters", () => {
  it("increments and decrements exactly, grouped by lower-cased email", async () => {
    const db = await testDb();
    const team = await makeTeam(db);
    const store = await createCounterStore(db, team.id, { name: "Spend", description: "money" });
    expect(await incrementCounter(db, team.id, store.id, "Ann@X.test", "0.10")).toBe("0.1000");
    expect(await incrementCounter(db, team.id, store.id, "ann@x.test ", "0.20")).toBe("0.3000");
    expect(await incrementCounter(db, team.id, store.id, "ann@x.test")).toBe("1.3000");
    expect(await decrementCounter(db, team.id, store.id, "ANN@x.test", "0.3")).toBe("1.0000");
    expect(await getCounter(db, team.id, store.id, "ann@x.test")).toBe("1.0000");
    expect(await getCounter(db, team.id, store.id, "nobody@x.test")).toBe("0");
    expect(await incrementCounter(db, team.id, store.id, "big@x.test", "999999999999.9999")).toBe("999999999999.9999");
    expect(await getCounters(db, team.id, store.id, ["Ann@x.test", "big@x.test", "none@x.test"])).toEqual({
      "ann@x.test": "1.0000",
      "big@x.test": "999999999999.9999",
      "none@x.test": "0",
    });
    await expect(incrementCounter(db, team.id, store.id, "a@x.test", 0.1)).rejects.toThrow(/decimal string/);
    await expect(incrementCounter(db, team.id, store.id, "a@x.test", "1e3")).rejects.toThrow(/decimal/);
  });

  it("lists groups with search and a keyset cursor", async () => {
    const db = await testDb();
    const team = await makeTeam(db);
    const store = await createCounterStore(db, team.id, { name: "Orders" });
    for (let i = 0; i < 12; i++) await incrementCounter(db, team.id, store.id, `c${String(i).padStart(2, "0")}@x.test`, String(i));
    const groups: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await listCounters(db, team.id, store.id, { after, limit: 5 });
      groups.push(...page.items.map((i) => i.group));
      if (!page.nextCursor) break;
      after = page.nextCursor;
    }
    expect(groups).toHaveLength(12);
    expect(groups).toEqual([...groups].sort());
    const found = await listCounters(db, team.id, store.id, { search: "C1" });
    expect(found.items.map((i) => i.group)).toEqual(["c10@x.test", "c11@x.test"]);
  });

  it("concurrent increments from many connections sum exactly", async () => {
    const db = await testDb();
    const team = await makeTeam(db);
    const store = await createCounterStore(db, team.id, { name: "Money" });
    const conns = await connections(db, 8);
    const perConnection = 25;
    await Promise.all(
      conns.map(async (conn, c) => {
        for (let i = 0; i < perConnection; i++) {
          await incrementCounter(conn, team.id, store.id, "hot@x.test", "0.01");
          await incrementCounter(conn, team.id, store.id, `spread${(c + i) % 4}@x.test`, "1.10");
        }
      }),
    );
    expect(await getCounter(db, team.id, store.id, "hot@x.test")).toBe("2.0000");
    const spread = await getCounters(db, team.id, store.id, [0, 1, 2, 3].map((i) => `spread${i}@x.test`));
    const total = Object.values(spread).reduce((sum, v) => sum + Math.round(Number(v) * 10_000), 0);
    expect(total).toBe(8 * perConnection * 11_000);
  });

  it("refuses another team's counter store", async () => {
    const db = await testDb();
    const team = await makeTeam(db);
    const intruder = await makeTeam(db);
    const store = await createCounterStore(db, team.id, { name: "Private" });
    await incrementCounter(db, team.id, store.id, "a@x.test", "5");
    await expect(incrementCounter(db, intruder.id, store.id, "a@x.test")).rejects.toBeInstanceOf(StorageNotFoundError);
    await expect(decrementCounter(db, intruder.id, store.id, "a@x.test")).rejects.toBeInstanceOf(StorageNotFoundError);
    await expect(getCounter(db, intruder.id, store.id, "a@x.test")).rejects.toBeInstanceOf(StorageNotFoundError);
    expect((await listCounters(db, intruder.id, store.id)).items).toEqual([]);
    expect(await getCounter(db, team.id, store.id, "a@x.test")).toBe("5.0000");
  });
});
