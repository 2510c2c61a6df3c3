import { formatDate, formatMoney, formatNumber } from "@/lib/format";

/** How the overview formats: the team's locale and currency, the workflow settings' time zone. */
export type OverviewFormat = { locale: string; timeZone: string; currency: string };

/** Settings may name a currency of their own; otherwise the team's. */
export function currencyOf(settings: object, fallback: string): string {
  const own = (settings as { currency?: unknown }).currency;
  return typeof own === "string" && /^[A-Z]{3}$/.test(own) ? own : fallback;
}

export const money = (value: string | null | undefined, f: OverviewFormat) => formatMoney(value, f);
export const count = (value: number | null | undefined, f: OverviewFormat) => formatNumber(value, f.locale);
export const day = (value: string, f: OverviewFormat) => formatDate(value, f);

export function percent(ratio: number | null, f: OverviewFormat) {
  if (ratio === null) return "—";
  return new Intl.NumberFormat(f.locale, { style: "percent", maximumFractionDigits: 1 }).format(ratio);
}

/** A plain calendar date (YYYY-MM-DD) as a short axis tick, e.g. "15 Mar" (the same day in every zone). */
export function shortDay(value: string, f: OverviewFormat) {
  return new Intl.DateTimeFormat(f.locale, { day: "numeric", month: "short", timeZone: "UTC" }).format(new Date(`${value}T12:00:00Z`));
}

/** Round axis ticks from 0 to at least `max` (4 steps of 1, 2 or 5 x 10^n). */
export function niceTicks(max: number, steps = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / steps;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const ticks: number[] = [];
  for (let v = 0; v < max + step / 2 && ticks.length <= steps + 1; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  if (ticks[ticks.length - 1] < max) ticks.push(ticks[ticks.length - 1] + step);
  return ticks;
}

/** Money ticks without cents where they are whole ("£1,000" rather than "£1,000.00"). */
export function moneyTick(value: number, f: OverviewFormat) {
  return new Intl.NumberFormat(f.locale, {
    style: "currency",
    currency: f.currency,
    notation: value >= 100_000 ? "compact" : "standard",
    maximumFractionDigits: Number.isInteger(value) ? 0 : 2,
  }).format(value);
}
