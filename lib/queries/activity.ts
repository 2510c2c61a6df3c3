import { and, asc, desc, eq, gt, gte, isNull, like, lt, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db";
import { activityLog, users } from "@/db/schema";

export type ActivityFilter = {
  /** An exact action ("member.invited") or a category ending in a dot ("member."). */
  action?: string;
  /** A user id, or "system" for entries made by no one (scheduled runs, migrations). */
  user?: string;
  /** Calendar dates (YYYY-MM-DD) in the team's time zone, both inclusive. */
  from?: string;
  to?: string;
};

export type ActivityPage = {
  rows: ActivityRow[];
  /** Keyset cursors: pass as `before` for older entries, `after` for newer ones; null at either end. */
  olderCursor: number | null;
  newerCursor: number | null;
};

export type ActivityRow = {
  id: number;
  action: string;
  detail: Record<string, unknown>;
  createdAt: Date;
  userId: string | null;
  userEmail: string | null;
  userName: string | null;
};

const plainDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)));

/** Reads the filter from a query string, dropping anything malformed rather than failing the page. */
export function parseActivityFilter(params: Record<string, string | string[] | undefined>): ActivityFilter & { before?: number; after?: number } {
  const one = (name: string) => {
    const value = params[name];
    return typeof value === "string" && value.trim() ? value.trim() : undefined;
  };
  const action = one("action");
  const user = one("user");
  const cursor = (name: string) => {
    const value = Number(one(name));
    return Number.isSafeInteger(value) && value > 0 ? value : undefined;
  };
  return {
    action: action && /^[a-z_]+(\.[a-z_]*)?$/.test(action) ? action : undefined,
    user: user === "system" || (user && z.uuid().safeParse(user).success) ? user : undefined,
    from: plainDate.safeParse(one("from")).success ? one("from") : undefined,
    to: plainDate.safeParse(one("to")).success ? one("to") : undefined,
    before: cursor("before"),
    after: cursor("after"),
  };
}

function zoneOffsetMs(instant: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant a calendar day starts in a time zone (DST-aware). */
export function startOfDayIn(date: string, timeZone: string): Date {
  const midnightUtc = Date.parse(`${date}T00:00:00Z`);
  let guess = midnightUtc - zoneOffsetMs(new Date(midnightUtc), timeZone);
  guess = midnightUtc - zoneOffsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

function nextDay(date: string) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function filterConditions(teamId: string, filter: ActivityFilter, timeZone: string): SQL[] {
  const conditions: SQL[] = [eq(activityLog.teamId, teamId)];
  if (filter.action) {
    conditions.push(
      filter.action.endsWith(".") ? like(activityLog.action, `${filter.action.replace(/[%_\\]/g, "\\$&")}%`) : eq(activityLog.action, filter.action),
    );
  }
  if (filter.user === "system") conditions.push(isNull(activityLog.userId));
  else if (filter.user) conditions.push(eq(activityLog.userId, filter.user));
  if (filter.from) conditions.push(gte(activityLog.createdAt, startOfDayIn(filter.from, timeZone)));
  if (filter.to) conditions.push(lt(activityLog.createdAt, startOfDayIn(nextDay(filter.to), timeZone)));
  return conditions;
}

/**
 * A team's audit trail, newest first, keyset-paged by id (ids grow with time): `before` pages to
 * older entries, `after` back to newer ones. Filters by action or category, user and local dates.
 */
export async function listActivity(
  db: Executor,
  teamId: string,
  opts: ActivityFilter & { beforeId?: number; afterId?: number; limit?: number; timeZone?: string } = {},
): Promise<ActivityPage> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
  const conditions = filterConditions(teamId, opts, opts.timeZone ?? "UTC");
  const forward = Boolean(opts.afterId) && !opts.beforeId;
  if (opts.beforeId) conditions.push(lt(activityLog.id, opts.beforeId));
  else if (opts.afterId) conditions.push(gt(activityLog.id, opts.afterId));
  const fetched: ActivityRow[] = await db
    .select({
      id: activityLog.id,
      action: activityLog.action,
      detail: activityLog.detail,
      createdAt: activityLog.createdAt,
      userId: activityLog.userId,
      userEmail: users.email,
      userName: users.name,
    })
    .from(activityLog)
    .leftJoin(users, eq(users.id, activityLog.userId))
    .where(and(...conditions))
    .orderBy(forward ? asc(activityLog.id) : desc(activityLog.id))
    .limit(limit + 1);
  const more = fetched.length > limit;
  const page = fetched.slice(0, limit);
  const rows = forward ? page.reverse() : page;
  if (!rows.length) return { rows, olderCursor: null, newerCursor: null };
  const paged = Boolean(opts.beforeId || opts.afterId);
  return {
    rows,
    olderCursor: forward ? rows.at(-1)!.id : more ? rows.at(-1)!.id : null,
    newerCursor: forward ? (more ? rows[0].id : null) : paged ? rows[0].id : null,
  };
}

/** The actions this team's log holds, for the filter's choices. */
export async function listActivityActions(db: Executor, teamId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ action: activityLog.action })
    .from(activityLog)
    .where(eq(activityLog.teamId, teamId))
    .orderBy(asc(activityLog.action));
  return rows.map((row) => row.action);
}

/** Everyone who appears in this team's log (including people since removed from the team). */
export async function listActivityUsers(db: Executor, teamId: string) {
  return db
    .selectDistinct({ id: users.id, email: users.email, name: users.name })
    .from(activityLog)
    .innerJoin(users, eq(users.id, activityLog.userId))
    .where(and(eq(activityLog.teamId, teamId), sql`${activityLog.userId} is not null`))
    .orderBy(asc(users.email));
}
