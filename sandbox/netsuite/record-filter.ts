// The record API's `q` filter (§1.4), for the date fields of a sales order:
//   lastModifiedDate ON_OR_AFTER "5/1/2024" AND (tranDate BEFORE "5/8/2024" OR ...)
// compiled to a parameterised SQL condition. Dates are whole days in the M/D/YYYY preference.
import { parseUserDate } from "./dates";

const DATE_FIELDS: Record<string, string> = {
  lastmodifieddate: "t.lastmodifieddate",
  createddate: "t.createddate",
  trandate: "t.trandate",
};
const OPERATORS = ["AFTER", "BEFORE", "ON", "ON_OR_AFTER", "ON_OR_BEFORE"];

export class FilterError extends Error {}

type Token = { kind: "word" | "string" | "open" | "close"; text: string };

function tokenize(q: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s*(?:(\()|(\))|"((?:[^"\\]|\\.)*)"|([A-Za-z_][\w.]*))/y;
  let pos = 0;
  while (pos < q.length) {
    if (/^\s*$/.test(q.slice(pos))) break;
    re.lastIndex = pos;
    const m = re.exec(q);
    if (!m) throw new FilterError(`Invalid search query syntax near "${q.slice(pos).trim().slice(0, 20)}".`);
    if (m[1]) tokens.push({ kind: "open", text: "(" });
    else if (m[2]) tokens.push({ kind: "close", text: ")" });
    else if (m[3] !== undefined) tokens.push({ kind: "string", text: m[3] });
    else tokens.push({ kind: "word", text: m[4] });
    pos = re.lastIndex;
  }
  return tokens;
}

export function compileFilter(q: string): { sql: string; params: string[] } {
  const tokens = tokenize(q);
  const params: string[] = [];
  let i = 0;
  const peekWord = (w: string) => tokens[i]?.kind === "word" && tokens[i].text.toUpperCase() === w;

  function expression(): string {
    const parts = [conjunction()];
    while (peekWord("OR")) {
      i++;
      parts.push(conjunction());
    }
    return parts.length > 1 ? `(${parts.join(" OR ")})` : parts[0];
  }
  function conjunction(): string {
    const parts = [condition()];
    while (peekWord("AND")) {
      i++;
      parts.push(condition());
    }
    return parts.length > 1 ? `(${parts.join(" AND ")})` : parts[0];
  }
  function condition(): string {
    const t = tokens[i++];
    if (t?.kind === "open") {
      const inner = expression();
      if (tokens[i++]?.kind !== "close") throw new FilterError("Invalid search query syntax: missing ')'.");
      return inner;
    }
    const op = tokens[i++];
    const value = tokens[i++];
    if (t?.kind !== "word" || op?.kind !== "word" || value?.kind !== "string") throw new FilterError("Invalid search query syntax.");
    const column = DATE_FIELDS[t.text.toLowerCase()];
    if (!column) throw new FilterError(`Invalid search query. Field '${t.text}' is not supported for filtering in this sandbox.`);
    const negated = op.text.toUpperCase().endsWith("_NOT");
    const base = op.text.toUpperCase().replace(/_NOT$/, "");
    if (!OPERATORS.includes(base)) throw new FilterError(`Invalid search query. Unsupported operator '${op.text}' for field '${t.text}'.`);
    const day = parseUserDate(value.text);
    if (!day) throw new FilterError(`Unparseable date: "${value.text}"`);
    params.push(day);
    const start = `$${params.length}::timestamp`;
    const next = `($${params.length}::date + 1)::timestamp`;
    const sql = {
      AFTER: `${column} >= ${next}`,
      BEFORE: `${column} < ${start}`,
      ON: `(${column} >= ${start} AND ${column} < ${next})`,
      ON_OR_AFTER: `${column} >= ${start}`,
      ON_OR_BEFORE: `${column} < ${next}`,
    }[base]!;
    return negated ? `NOT (${sql})` : sql;
  }

  const sql = expression();
  if (i !== tokens.length) throw new FilterError("Invalid search query syntax.");
  return { sql, params };
}
