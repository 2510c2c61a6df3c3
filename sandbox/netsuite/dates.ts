// NetSuite's user date preference in the sandbox is M/D/YYYY (US), used by SuiteQL output and
// record-list filters; record bodies use ISO 8601 instead.

/** "2024-05-01..." (date or timestamp text from Postgres) → "5/1/2024". */
export function toUserDate(pgText: string): string {
  const [y, m, d] = pgText.slice(0, 10).split("-").map(Number);
  return `${m}/${d}/${y}`;
}

/** "5/1/2024" → "2024-05-01", or null if it is not a real M/D/YYYY date. */
export function parseUserDate(s: string): string | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s.trim());
  if (!m) return null;
  const [month, day, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** Postgres timestamp text ("2024-05-01 10:00:00[.123]") in UTC → "2024-05-01T10:00:00Z". */
export function toIsoUtc(pgText: string | null): string | null {
  if (!pgText) return null;
  return `${pgText.slice(0, 10)}T${pgText.slice(11, 19)}Z`;
}
