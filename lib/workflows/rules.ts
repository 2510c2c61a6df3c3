import type { PromotionActionKind } from "@/db/schema";
import type { WorkflowSettings } from "@/lib/workflows/settings";
import type { PromotionCustomer } from "@/lib/storage/promotion-list";

/**
 * The tutorial's decisions as pure functions: no clock, no database, no vendor. "Today" is always a
 * calendar date (YYYY-MM-DD) in the team's time zone, computed once per run from the run's `at`.
 */

// ---------------------------------------------------------------- calendar dates

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of an instant in an IANA time zone, e.g. 2026-07-01T22:30Z in London -> 2026-07-01. */
export function calendarDate(instant: Date, timeZone: string): string {
  let fmt = dateFormatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dateFormatters.set(timeZone, fmt);
  }
  const parts = Object.fromEntries(fmt.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayNumber(date: string): number {
  const m = isoDate.exec(date);
  if (!m) throw new Error(`Not a calendar date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000;
}

/** Whole calendar days from `from` to `to` (dates, not instants, so DST changes cannot shift it). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

export function addDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * 86_400_000).toISOString().slice(0, 10);
}

/** Accepts YYYY-MM-DD, YYYY-MM-DD HH:MM:SS and NetSuite's M/D/YYYY; returns YYYY-MM-DD or null. */
export function normaliseDate(value: string | undefined | null): string | null {
  if (!value) return null;
  const v = value.trim();
  let y: number, mo: number, d: number;
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?$/.exec(v);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
  if (iso) [y, mo, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (us) [y, mo, d] = [Number(us[3]), Number(us[1]), Number(us[2])];
  else return null;
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return null;
  return t.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------- exact decimals

const decimalPattern = /^-?\d+(\.\d+)?$/;
const SCALE = 4;

export function isDecimal(value: string): boolean {
  return decimalPattern.test(value.trim());
}

/** A decimal string as an integer number of 1/10,000ths, so money is compared without floats. */
export function toScaled(value: string | number): bigint {
  const s = typeof value === "number" ? value.toFixed(SCALE) : value.trim();
  if (!decimalPattern.test(s)) throw new Error(`Not a decimal: ${value}`);
  const negative = s.startsWith("-");
  const [whole, frac = ""] = s.replace("-", "").split(".");
  const scaled = BigInt(whole) * 10n ** BigInt(SCALE) + BigInt((frac + "0".repeat(SCALE)).slice(0, SCALE) || "0");
  return negative ? -scaled : scaled;
}

export function fromScaled(value: bigint, decimals = 2): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const unit = 10n ** BigInt(SCALE);
  const whole = abs / unit;
  const frac = (abs % unit).toString().padStart(SCALE, "0").slice(0, decimals);
  return `${negative ? "-" : ""}${whole}${decimals > 0 ? "." + frac : ""}`;
}

/** Negated sum of decimal strings (NetSuite item lines are negative): the order subtotal. */
export function negatedSum(values: string[]): string {
  return fromScaled(-values.reduce((acc, v) => acc + toScaled(v), 0n), 4);
}

// ---------------------------------------------------------------- subscription status

const statusNames: Record<string, string> = {
  "1": "Soft Opt-In",
  "2": "Soft Opt-Out",
  "3": "Confirmed Opt-In",
  "4": "Confirmed Opt-Out",
};

/** NetSuite's global subscription status as its name, whether given as the id or the display text. */
export function subscriptionStatusName(value: string | undefined | null): string {
  if (!value) return "Unknown";
  return statusNames[value.trim()] ?? value.trim();
}

export function isOptedOut(status: string): boolean {
  return /opt[\s-]?out/i.test(status);
}

// ---------------------------------------------------------------- extract filters

export type FilterReason = "company" | "location";

/** The tutorial's Decision Tool on an order: a person (not a company) who bought at the store location. */
export function extractFilter(
  order: { isPerson: boolean; locationName: string | null | undefined },
  settings: Pick<WorkflowSettings, "storeLocation">,
): { keep: true } | { keep: false; reason: FilterReason; detail: string } {
  if (!order.isPerson) return { keep: false, reason: "company", detail: "the customer is a company, not a person" };
  const want = settings.storeLocation.trim().toLowerCase();
  if ((order.locationName ?? "").trim().toLowerCase() !== want) {
    return {
      keep: false,
      reason: "location",
      detail: `bought at ${order.locationName ? `"${order.locationName}"` : "no location"}, not "${settings.storeLocation}"`,
    };
  }
  return { keep: true };
}

// ---------------------------------------------------------------- expiry

/** Records purchased before this date are expired: "more than `retentionDays` days before today". */
export function expiryCutoff(today: string, retentionDays: number): string {
  return addDays(today, -retentionDays);
}

export function isExpired(purchaseDate: string, today: string, retentionDays: number): boolean {
  return daysBetween(purchaseDate, today) > retentionDays;
}

// ---------------------------------------------------------------- promotion

export type PromotionRule = "premium" | "volume" | "today" | "seven_day" | "none" | "opted_out";

/** One customer as the list and its counters describe them (read by lib/storage). */
export type { PromotionCustomer };

export type PromotionDecision = {
  email: string;
  contactName: string;
  rule: PromotionRule;
  action: PromotionActionKind | null;
  /** ActiveCampaign list name for list actions. */
  listName: string | null;
  /** The period the action may happen once in: the day for list adds; the day for tasks (with a window check). */
  period: string;
  reason: string;
  totalAmount: string;
  orderCount: number;
  lastPurchaseDate: string;
  daysSinceLastOrder: number;
};

type RuleSettings = Pick<
  WorkflowSettings,
  "premiumThreshold" | "volumeMinOrders" | "sevenDayOffset" | "promoteOptedOut" | "lists"
>;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** First matching rule wins: premium, volume, today, seven-day; opted-out customers are never promoted. */
export function decidePromotion(customer: PromotionCustomer, today: string, settings: RuleSettings): PromotionDecision {
  const total = toScaled(customer.totalAmount);
  const threshold = toScaled(settings.premiumThreshold);
  const days = daysBetween(customer.lastPurchaseDate, today);
  const base = {
    email: customer.email,
    contactName: customer.contactName,
    period: today,
    totalAmount: fromScaled(total),
    orderCount: customer.orderCount,
    lastPurchaseDate: customer.lastPurchaseDate,
    daysSinceLastOrder: days,
  };
  const amount = fromScaled(total);
  const thresholdText = fromScaled(threshold).replace(/\.00$/, "");
  if (isOptedOut(customer.subscriptionStatus) && !settings.promoteOptedOut) {
    return {
      ...base,
      rule: "opted_out",
      action: null,
      listName: null,
      reason: `Not promoted: subscription status is ${customer.subscriptionStatus}`,
    };
  }
  if (total > threshold) {
    return {
      ...base,
      rule: "premium",
      action: "hubspot_task",
      listName: null,
      reason: `Premium: total ${amount} is over ${thresholdText} (${plural(customer.orderCount, "order")}) -> HubSpot follow-up task`,
    };
  }
  const notPremium = `total ${amount} is not over ${thresholdText}`;
  if (customer.orderCount >= settings.volumeMinOrders) {
    return {
      ...base,
      rule: "volume",
      action: "list_volume",
      listName: settings.lists.volume,
      reason: `Volume: ${plural(customer.orderCount, "order")} (at least ${settings.volumeMinOrders}); ${notPremium} -> "${settings.lists.volume}"`,
    };
  }
  const single = `${plural(customer.orderCount, "order")}; ${notPremium}`;
  if (days === 0) {
    return {
      ...base,
      rule: "today",
      action: "list_today",
      listName: settings.lists.today,
      reason: `Today: last order ${customer.lastPurchaseDate} is today; ${single} -> "${settings.lists.today}"`,
    };
  }
  if (days === settings.sevenDayOffset) {
    return {
      ...base,
      rule: "seven_day",
      action: "list_seven_day",
      listName: settings.lists.sevenDay,
      reason: `Seven day: last order ${customer.lastPurchaseDate} was exactly ${plural(days, "day")} ago; ${single} -> "${settings.lists.sevenDay}"`,
    };
  }
  return {
    ...base,
    rule: "none",
    action: null,
    listName: null,
    reason: `No promotion: last order ${customer.lastPurchaseDate} was ${plural(days, "day")} ago; ${single}`,
  };
}

/** Fills the task template: {name}, {email}, {total}, {orders}, {days}, {lastOrder}. */
export function renderTemplate(template: string, decision: PromotionDecision, retentionDays: number): string {
  const values: Record<string, string> = {
    name: decision.contactName || decision.email,
    email: decision.email,
    total: decision.totalAmount,
    orders: String(decision.orderCount),
    days: String(retentionDays),
    lastOrder: decision.lastPurchaseDate,
  };
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
