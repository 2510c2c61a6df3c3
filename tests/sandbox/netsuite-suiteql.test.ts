import { beforeAll, describe, expect, it } from "vitest";
import { sandboxForThisFile } from "./helpers";

const sandbox = sandboxForThisFile();

// The §1.7 query from vendor-apis.md, plus the item-line subtotal (item lines are negative).
const ORDERS_QUERY = `
SELECT t.id, t.tranid, t.trandate,
       TO_CHAR(t.lastmodifieddate,'YYYY-MM-DD HH24:MI:SS') AS lastmodified,
       t.foreigntotal AS total, t.email AS order_email, BUILTIN.DF(t.status) AS status,
       c.id AS customer_id, c.entityid, c.companyname, c.firstname, c.lastname,
       c.email AS customer_email, c.isperson, BUILTIN.DF(c.globalsubscriptionstatus) AS subscription,
       tl.location AS location_id, l.name AS location_name, BUILTIN.DF(tl.location) AS location_df,
       (SELECT -SUM(il.netamount) FROM transactionline il WHERE il.transaction = t.id AND il.mainline = 'F' AND il.taxline = 'F') AS subtotal
FROM transaction t
JOIN customer c ON c.id = t.entity
JOIN transactionline tl ON tl.transaction = t.id AND tl.mainline = 'T'
LEFT JOIN location l ON l.id = tl.location
WHERE t.type = 'SalesOrd'
  AND t.lastmodifieddate > TO_TIMESTAMP('2024-05-01 00:00:00','YYYY-MM-DD HH24:MI:SS')
ORDER BY t.lastmodifieddate, t.id`;

describe("NetSuite SuiteQL", () => {
  beforeAll(async () => {
    await sandbox.control("/reset", {});
    await sandbox.control("/netsuite/records", {
      locations: [{ id: 1, name: "London" }, { id: 2, name: "Manchester" }],
      customers: [
        { id: 110, firstName: "Ada", lastName: "Lovelace", email: "ada@example.com", isPerson: true, globalSubscriptionStatus: 4, dateCreated: "2024-01-10T09:00:00Z" },
        { id: 111, companyName: "Acme Corp", isPerson: false, email: null, dateCreated: "2024-01-10T09:00:00Z" },
      ],
      salesOrders: [
        { id: 18, tranId: "SO1001", tranDate: "2024-05-02", customerId: 110, locationId: 1, lastModifiedDate: "2024-05-02T10:00:00Z", lines: [{ item: null, quantity: 2, rate: 50 }, { quantity: 1, rate: 12.5 }] },
        { id: 19, tranId: "SO1002", tranDate: "2024-05-03", customerId: 111, locationId: 2, lastModifiedDate: "2024-05-03T11:30:00Z", lines: [{ quantity: 3, rate: 10 }] },
        { id: 20, tranId: "SO1003", tranDate: "2024-04-03", customerId: 111, locationId: 2, lastModifiedDate: "2024-04-03T11:30:00Z", lines: [{ quantity: 1, rate: 10 }] },
      ],
    });
  });

  it("runs the documented join query with NetSuite's output conventions", async () => {
    const res = await sandbox.suiteql(ORDERS_QUERY);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ count: 2, hasMore: false, offset: 0, totalResults: 2 });
    const [first, second] = body.items;
    expect(first).toEqual({
      links: [],
      id: "18",
      tranid: "SO1001",
      trandate: "5/2/2024",
      lastmodified: "2024-05-02 10:00:00",
      total: "112.5",
      status: "Sales Order : Pending Fulfillment",
      customer_id: "110",
      entityid: "CUST-00110",
      firstname: "Ada",
      lastname: "Lovelace",
      customer_email: "ada@example.com",
      isperson: "T",
      subscription: "Confirmed Opt-Out",
      location_id: "1",
      location_name: "London",
      location_df: "London",
      subtotal: "112.5",
    });
    // Null columns are left out of the row altogether.
    expect(second).not.toHaveProperty("customer_email");
    expect(second).not.toHaveProperty("firstname");
    expect(second).toMatchObject({ isperson: "F", companyname: "Acme Corp", subtotal: "30" });
  });

  it("stores item lines negated and returns every value as a string", async () => {
    const res = await sandbox.suiteql("SELECT quantity, netamount, foreignamount, mainline FROM transactionline WHERE transaction = 18 ORDER BY id");
    const { items } = await res.json();
    expect(items.map((i: Record<string, string>) => [i.mainline, i.quantity, i.netamount])).toEqual([
      ["T", undefined, "112.5"],
      ["F", "-2", "-100"],
      ["F", "-1", "-12.5"],
    ]);
  });

  it("formats timestamps as M/D/YYYY without time unless TO_CHAR is used", async () => {
    const { items } = await (await sandbox.suiteql("SELECT lastmodifieddate, datecreated FROM customer WHERE id = 110")).json();
    expect(items[0]).toEqual({ links: [], lastmodifieddate: "1/10/2024", datecreated: "1/10/2024" });
  });

  it("lowercases column names", async () => {
    const { items } = await (await sandbox.suiteql("SELECT ID, TranId AS TheTranId FROM transaction WHERE id = 18")).json();
    expect(items[0]).toEqual({ links: [], id: "18", thetranid: "SO1001" });
  });

  it("pages with limit/offset, hasMore and a next link", async () => {
    const q = "SELECT id FROM transaction ORDER BY id";
    const page1 = await (await sandbox.suiteql(q, "?limit=2")).json();
    expect(page1).toMatchObject({ count: 2, hasMore: true, offset: 0, totalResults: 3 });
    expect(page1.links.find((l: { rel: string }) => l.rel === "next").href).toMatch(/limit=2&offset=2$/);
    const page2 = await (await sandbox.suiteql(q, "?limit=2&offset=2")).json();
    expect(page2).toMatchObject({ count: 1, hasMore: false, offset: 2, totalResults: 3, items: [{ id: "20" }] });
  });

  it("rejects an offset that is not a multiple of the limit, and limits over 1000", async () => {
    expect((await sandbox.suiteql("SELECT id FROM transaction", "?limit=2&offset=1")).status).toBe(400);
    expect((await sandbox.suiteql("SELECT id FROM transaction", "?limit=1001")).status).toBe(400);
  });

  it("answers an invalid query with a 400 NetSuite error body", async () => {
    const res = await sandbox.suiteql("SELECT nosuchcolumn FROM transaction");
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toMatchObject({ title: "Bad Request", status: 400, "o:errorDetails": [{ "o:errorCode": "INVALID_PARAMETER" }] });
    expect(body.type).toMatch(/^https:\/\//);
    expect(body["o:errorDetails"][0].detail).toContain("nosuchcolumn");
    expect((await sandbox.suiteql("SELECT * FROM nosuchtable")).status).toBe(400);
  });

  it("refuses anything but a single SELECT", async () => {
    for (const q of ["DELETE FROM customer", "SELECT 1; DELETE FROM customer", "UPDATE customer SET email = 'x'"]) {
      const res = await sandbox.suiteql(q);
      expect(res.status).toBe(400);
      expect((await res.json())["o:errorDetails"][0]["o:errorCode"]).toBe("USER_ERROR");
    }
    // Writes smuggled into a SELECT fail too: the query runs in a read-only transaction.
    expect((await sandbox.suiteql("SELECT set_config('default_transaction_read_only', 'off', false)")).status).toBe(200);
    expect((await sandbox.suiteql("WITH d AS (DELETE FROM customer RETURNING id) SELECT * FROM d")).status).toBe(400);
    const { items } = await (await sandbox.suiteql("SELECT COUNT(*) AS n FROM customer")).json();
    expect(items[0].n).toBe("2");
  });

  it("requires the Prefer: transient header", async () => {
    const res = await sandbox.suiteql("SELECT id FROM transaction", "", {});
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ status: 400, "o:errorDetails": [{ "o:errorCode": "INVALID_PARAMETER" }] });
  });
});
