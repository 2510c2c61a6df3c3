import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db";

/** Rows of a raw query on either driver (postgres.js returns an array, PGlite `{ rows }`). */
export async function queryRows<T extends Record<string, unknown>>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/**
 * A field name as an SQL string literal, so `data->>'Field'` matches expression indexes (a bound
 * parameter would not). Field names are validated (no control characters) before they get here.
 */
export function fieldLiteral(field: string): SQL {
  return sql.raw(`'${field.replace(/'/g, "''")}'`);
}

/** `data->>'Field'` for a validated field name. */
export function fieldText(field: string): SQL {
  return sql`(${sql.raw('"stored_objects"."data"')}->>${fieldLiteral(field)})`;
}

const decimalPattern = /^-?\d{1,16}(\.\d{1,4})?$/;

/** Exact decimal as text (numeric(20,4)): never passes through a float. */
export function isDecimalString(value: string): boolean {
  return decimalPattern.test(value);
}

/** Accepts a decimal string or a safe integer; returns the canonical decimal string. */
export function toDecimalString(value: string | number | bigint, what = "amount"): string {
  if (typeof value === "bigint") value = value.toString();
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new TypeError(`${what} must be a decimal string (got the float ${value})`);
    value = String(value);
  }
  const trimmed = value.trim();
  if (!decimalPattern.test(trimmed)) throw new TypeError(`${what} must be a decimal with up to 16 digits and 4 decimals (got "${value}")`);
  return trimmed;
}
