// SuiteQL over PGlite: a small, explicit translation of NetSuite-only syntax, then the query runs
// for real. Output follows §1.7: lowercase keys, string values, 'T'/'F', M/D/YYYY dates, nulls left out.
import { types } from "@electric-sql/pglite";
import type { NetSuiteDb } from "./db";
import { toUserDate } from "./dates";

export const MAX_LIMIT = 1000;
export const MAX_ROWS = 100_000;

/** BUILTIN.DF(<column>) → the display-text function for that column name. */
const DISPLAY_FUNCTIONS: Record<string, string> = {
  location: "ns_df_location",
  item: "ns_df_item",
  entity: "ns_df_entity",
  customer: "ns_df_entity",
  globalsubscriptionstatus: "ns_df_subscription",
  status: "ns_df_status",
  type: "ns_df_trantype",
};

export class SuiteQlError extends Error {
  constructor(
    message: string,
    readonly code: "INVALID_PARAMETER" | "USER_ERROR",
  ) {
    super(message);
  }
}

/** Returns the Postgres text of a SuiteQL query, or throws SuiteQlError if it is not one read-only SELECT. */
export function translateSuiteQl(q: string): string {
  const sql = q.trim().replace(/;\s*$/, "");
  if (!/^select\b/i.test(sql)) throw new SuiteQlError("Invalid search query. Only SELECT statements are supported.", "USER_ERROR");
  if (withoutStringLiterals(sql).includes(";")) throw new SuiteQlError("Invalid search query. Multiple statements are not supported.", "USER_ERROR");
  return sql
    .replace(/BUILTIN\.DF\s*\(\s*((?:\w+\.)?(\w+))\s*\)/gi, (_m, expr: string, column: string) => {
      const fn = DISPLAY_FUNCTIONS[column.toLowerCase()];
      return fn ? `${fn}(${expr})` : `CAST(${expr} AS text)`;
    })
    .replace(/\bSYSDATE\b/gi, "LOCALTIMESTAMP");
}

function withoutStringLiterals(sql: string): string {
  return sql.replace(/'(?:[^']|'')*'/g, "''");
}

// Postgres type oids whose text we reformat; every other type is passed through as text.
const DATE_OIDS = [types.DATE, types.TIMESTAMP, types.TIMESTAMPTZ];
const NUMBER_OIDS = [types.INT2, types.INT4, types.INT8, types.NUMERIC, types.FLOAT4, types.FLOAT8];

const asText = (x: string) => x;
/** Keep every value as the text Postgres produced, except the SuiteQL-specific formats. */
const PARSERS: Record<number, (x: string) => string> = {
  [types.BOOL]: (x) => (x === "t" ? "T" : "F"),
  [types.JSON]: asText,
  [types.JSONB]: asText,
  [types.OID]: asText,
  ...Object.fromEntries(DATE_OIDS.map((oid) => [oid, toUserDate])),
  // NetSuite prints numbers without padding zeros: "100" and "12.5", not "100.00".
  ...Object.fromEntries(NUMBER_OIDS.map((oid) => [oid, (x: string) => (/^-?\d+(\.\d+)?$/.test(x) ? String(Number(x)) : x)])),
};

export interface SuiteQlPage {
  rows: Record<string, string>[];
  totalResults: number;
}

/** Runs one page inside a read-only transaction, so nothing a client sends can change the data. */
export async function runSuiteQl(db: NetSuiteDb, q: string, limit: number, offset: number): Promise<SuiteQlPage> {
  const sql = translateSuiteQl(q);
  try {
    return await db.pg.transaction(async (tx) => {
      await tx.exec("SET TRANSACTION READ ONLY");
      const count = await tx.query<{ n: string }>(`SELECT count(*)::text AS n FROM (${sql}) AS suiteql_count`);
      // Array rows: a query may select two columns with the same name.
      const page = await tx.query<(string | null)[]>(
        `SELECT * FROM (${sql}) AS suiteql_page LIMIT ${limit} OFFSET ${offset}`,
        [],
        { parsers: PARSERS, rowMode: "array" },
      );
      const names = page.fields.map((f) => f.name.toLowerCase());
      const rows = page.rows.map((row) => {
        const out: Record<string, string> = {};
        row.forEach((value, i) => {
          if (value !== null && value !== undefined) out[names[i]] = String(value);
        });
        return out;
      });
      return { rows, totalResults: Math.min(Number(count.rows[0].n), MAX_ROWS) };
    });
  } catch (err) {
    throw new SuiteQlError(`Invalid search query. Detailed unprocessed description follows. Search error occurred: ${(err as Error).message}`, "INVALID_PARAMETER");
  }
}
