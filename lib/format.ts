/** Formatting for the team's locale and time zone, in one place for every page. */
export function formatDateTime(value: Date | string | null | undefined, opts: { locale: string; timeZone: string }) {
  if (!value) return "—";
  return new Intl.DateTimeFormat(opts.locale, { dateStyle: "medium", timeStyle: "short", timeZone: opts.timeZone }).format(new Date(value));
}

export function formatDate(value: Date | string | null | undefined, opts: { locale: string; timeZone: string }) {
  if (!value) return "—";
  // Plain calendar dates (YYYY-MM-DD) have no zone: format them as the same day everywhere.
  const isPlainDate = typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = isPlainDate ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return new Intl.DateTimeFormat(opts.locale, { dateStyle: "medium", timeZone: isPlainDate ? "UTC" : opts.timeZone }).format(date);
}

export function formatMoney(value: string | number | null | undefined, opts: { locale: string; currency: string }) {
  if (value === null || value === undefined || value === "") return "—";
  return new Intl.NumberFormat(opts.locale, { style: "currency", currency: opts.currency }).format(Number(value));
}

export function formatNumber(value: number | string | null | undefined, locale: string) {
  if (value === null || value === undefined) return "—";
  return new Intl.NumberFormat(locale).format(Number(value));
}
