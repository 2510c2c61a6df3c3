// The sandbox NetSuite account: an in-memory PGlite database with NetSuite's SuiteQL table and
// column names, so SuiteQL queries run for real instead of being pattern-matched.
import { PGlite } from "@electric-sql/pglite";

const SCHEMA = `
SET TIME ZONE 'UTC';
CREATE TABLE location (id integer PRIMARY KEY, name text NOT NULL, isinactive text NOT NULL DEFAULT 'F');
CREATE TABLE item (id integer PRIMARY KEY, itemid text NOT NULL, displayname text);
CREATE TABLE customer (
  id integer PRIMARY KEY, entityid text, altname text, companyname text, firstname text, lastname text,
  email text, isperson text NOT NULL DEFAULT 'F', globalsubscriptionstatus integer, phone text,
  datecreated timestamp, lastmodifieddate timestamp, isinactive text NOT NULL DEFAULT 'F');
CREATE TABLE transaction (
  id integer PRIMARY KEY, tranid text, trandate date, type text NOT NULL, entity integer, status text,
  email text, foreigntotal numeric(14,2), createddate timestamp, lastmodifieddate timestamp, memo text);
CREATE INDEX transaction_lastmodified ON transaction (lastmodifieddate, id);
-- Line ids are per transaction (0 is the header line), as in NetSuite.
CREATE TABLE transactionline (
  id integer NOT NULL, transaction integer NOT NULL, linesequencenumber integer NOT NULL,
  mainline text NOT NULL, taxline text NOT NULL DEFAULT 'F', location integer, item integer,
  quantity numeric, rate numeric(14,2), netamount numeric(14,2), foreignamount numeric(14,2),
  PRIMARY KEY (transaction, id));

-- Display-text lookups behind BUILTIN.DF(); see suiteql.ts for which column maps to which.
CREATE FUNCTION ns_df_location(v anyelement) RETURNS text LANGUAGE sql STABLE AS
  $$ SELECT name FROM location WHERE id = v::text::integer $$;
CREATE FUNCTION ns_df_item(v anyelement) RETURNS text LANGUAGE sql STABLE AS
  $$ SELECT itemid FROM item WHERE id = v::text::integer $$;
CREATE FUNCTION ns_df_entity(v anyelement) RETURNS text LANGUAGE sql STABLE AS
  $$ SELECT coalesce(altname, companyname, trim(coalesce(firstname,'') || ' ' || coalesce(lastname,''))) FROM customer WHERE id = v::text::integer $$;
CREATE FUNCTION ns_df_subscription(v anyelement) RETURNS text LANGUAGE sql IMMUTABLE AS
  $$ SELECT CASE v::text WHEN '1' THEN 'Soft Opt-In' WHEN '2' THEN 'Soft Opt-Out' WHEN '3' THEN 'Confirmed Opt-In' WHEN '4' THEN 'Confirmed Opt-Out' END $$;
CREATE FUNCTION ns_df_trantype(v anyelement) RETURNS text LANGUAGE sql IMMUTABLE AS
  $$ SELECT CASE v::text WHEN 'SalesOrd' THEN 'Sales Order' ELSE v::text END $$;
CREATE FUNCTION ns_df_status(v anyelement) RETURNS text LANGUAGE sql IMMUTABLE AS
  $$ SELECT 'Sales Order : ' || CASE v::text WHEN 'A' THEN 'Pending Approval' WHEN 'B' THEN 'Pending Fulfillment'
     WHEN 'C' THEN 'Cancelled' WHEN 'D' THEN 'Partially Fulfilled' WHEN 'E' THEN 'Pending Billing/Partially Fulfilled'
     WHEN 'F' THEN 'Pending Billing' WHEN 'G' THEN 'Billed' WHEN 'H' THEN 'Closed' ELSE v::text END $$;
-- Oracle's NVL, which SuiteQL users write out of habit.
CREATE FUNCTION nvl(a anyelement, b anyelement) RETURNS anyelement LANGUAGE sql IMMUTABLE AS $$ SELECT coalesce(a, b) $$;
`;

export interface CustomerRow {
  id: number;
  entityid: string | null;
  altname: string | null;
  companyname: string | null;
  firstname: string | null;
  lastname: string | null;
  email: string | null;
  isperson: "T" | "F";
  globalsubscriptionstatus: number | null;
  phone: string | null;
  datecreated: string;
  lastmodifieddate: string;
  isinactive: "T" | "F";
}
export interface LocationRow {
  id: number;
  name: string;
}
export interface ItemRow {
  id: number;
  itemid: string;
  displayname: string | null;
}
export interface TransactionRow {
  id: number;
  tranid: string;
  trandate: string;
  type: string;
  entity: number;
  status: string;
  email: string | null;
  foreigntotal: number;
  createddate: string;
  lastmodifieddate: string;
  memo: string | null;
}
export interface TransactionLineRow {
  id: number;
  transaction: number;
  linesequencenumber: number;
  mainline: "T" | "F";
  taxline: "T" | "F";
  location: number | null;
  item: number | null;
  quantity: number | null;
  rate: number | null;
  netamount: number | null;
  foreignamount: number | null;
}

export interface SalesOrderSpec {
  id: number;
  tranId: string;
  tranDate: string;
  customerId: number;
  locationId: number | null;
  email: string | null;
  status: string;
  createdDate: string;
  lastModifiedDate: string;
  memo?: string | null;
  lines: { item: number | null; quantity: number; rate: number }[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * A sales order as NetSuite stores it: a header line (mainline 'T', carries the location) and
 * item lines whose quantity and amounts are negative (credits to income, vendor-apis.md §7).
 */
export function salesOrderRows(o: SalesOrderSpec): { transaction: TransactionRow; lines: TransactionLineRow[] } {
  const total = round2(o.lines.reduce((sum, l) => sum + l.quantity * l.rate, 0));
  const header: TransactionLineRow = {
    id: 0, transaction: o.id, linesequencenumber: 0, mainline: "T", taxline: "F", location: o.locationId,
    item: null, quantity: null, rate: null, netamount: total, foreignamount: total,
  };
  const items = o.lines.map((l, i): TransactionLineRow => {
    const amount = round2(l.quantity * l.rate);
    return {
      id: i + 1, transaction: o.id, linesequencenumber: i + 1, mainline: "F", taxline: "F", location: o.locationId,
      item: l.item, quantity: -l.quantity, rate: l.rate, netamount: -amount, foreignamount: -amount,
    };
  });
  return {
    transaction: {
      id: o.id, tranid: o.tranId, trandate: o.tranDate, type: "SalesOrd", entity: o.customerId, status: o.status,
      email: o.email, foreigntotal: total, createddate: o.createdDate, lastmodifieddate: o.lastModifiedDate, memo: o.memo ?? null,
    },
    lines: [header, ...items],
  };
}

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return ""; // unquoted empty = NULL in COPY csv
  return `"${String(v).replace(/"/g, '""')}"`;
}

export class NetSuiteDb {
  private constructor(readonly pg: PGlite) {}

  static async create(): Promise<NetSuiteDb> {
    const pg = new PGlite();
    await pg.exec(SCHEMA);
    return new NetSuiteDb(pg);
  }

  async reset(): Promise<void> {
    await this.pg.exec("TRUNCATE transactionline, transaction, customer, item, location");
  }

  /** Bulk insert through COPY: loading 100 000 orders row by row would take minutes. */
  async insert<T extends object>(table: string, rows: T[]): Promise<void> {
    if (rows.length === 0) return;
    const columns = Object.keys(rows[0]) as (keyof T)[];
    const csv = rows.map((r) => columns.map((c) => csvCell(r[c])).join(",")).join("\n") + "\n";
    await this.pg.query(`COPY ${table} (${columns.join(", ")}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
      blob: new Blob([csv]),
    });
  }

  /** Inserts or replaces (by id) customers, locations, items and sales orders. */
  async upsert(data: { customers?: CustomerRow[]; locations?: LocationRow[]; items?: ItemRow[]; orders?: SalesOrderSpec[] }): Promise<void> {
    const ids = (rows: { id: number }[]) => rows.map((r) => r.id);
    await this.pg.transaction(async (tx) => {
      if (data.locations?.length) await tx.query("DELETE FROM location WHERE id = ANY($1)", [ids(data.locations)]);
      if (data.items?.length) await tx.query("DELETE FROM item WHERE id = ANY($1)", [ids(data.items)]);
      if (data.customers?.length) await tx.query("DELETE FROM customer WHERE id = ANY($1)", [ids(data.customers)]);
      if (data.orders?.length) {
        await tx.query("DELETE FROM transactionline WHERE transaction = ANY($1)", [ids(data.orders)]);
        await tx.query("DELETE FROM transaction WHERE id = ANY($1)", [ids(data.orders)]);
      }
    });
    await this.insert("location", data.locations ?? []);
    await this.insert("item", data.items ?? []);
    await this.insert("customer", data.customers ?? []);
    const rows = (data.orders ?? []).map(salesOrderRows);
    await this.insert("transaction", rows.map((r) => r.transaction));
    await this.insert("transactionline", rows.flatMap((r) => r.lines));
  }

  async nextId(table: "customer" | "transaction" | "location" | "item", floor: number): Promise<number> {
    const r = await this.pg.query<{ next: number }>(`SELECT coalesce(max(id), 0) + 1 AS next FROM ${table}`);
    return Math.max(floor, Number(r.rows[0].next));
  }

  async counts(): Promise<{ customers: number; salesOrders: number; locations: number; items: number }> {
    const r = await this.pg.query<Record<string, string>>(
      `SELECT (SELECT count(*) FROM customer) AS customers, (SELECT count(*) FROM transaction WHERE type = 'SalesOrd') AS orders,
              (SELECT count(*) FROM location) AS locations, (SELECT count(*) FROM item) AS items`,
    );
    const row = r.rows[0];
    return { customers: Number(row.customers), salesOrders: Number(row.orders), locations: Number(row.locations), items: Number(row.items) };
  }

  close(): Promise<void> {
    return this.pg.close();
  }
}
