import type { Metadata } from "next";
import Link from "next/link";
import { ActivityFilter } from "@/components/activity/activity-filter";
import { ActivityTable } from "@/components/activity/activity-table";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { requireTeam } from "@/lib/auth/session";
import { listActivity, listActivityActions, listActivityUsers, parseActivityFilter } from "@/lib/queries/activity";
import { getTeamSettings } from "@/lib/workflows/team-settings";

export const metadata: Metadata = { title: "Activity" };

const pageSize = 50;

export default async function ActivityPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { db, team } = await requireTeam();
  const { before, after, ...filter } = parseActivityFilter(await searchParams);
  const settings = await getTeamSettings(db, team.id);
  const [page, actions, people] = await Promise.all([
    listActivity(db, team.id, { ...filter, beforeId: before, afterId: after, limit: pageSize, timeZone: settings.timeZone }),
    listActivityActions(db, team.id),
    listActivityUsers(db, team.id),
  ]);
  const filtered = Boolean(filter.action || filter.user || filter.from || filter.to);
  const link = (cursor: Record<string, number>) => {
    const query = new URLSearchParams(Object.entries(filter).filter((entry): entry is [string, string] => Boolean(entry[1])));
    for (const [name, value] of Object.entries(cursor)) query.set(name, String(value));
    return `/activity?${query}`;
  };
  return (
    <>
      <PageHeader title="Activity" description={`Every change made in this workspace, newest first. Times are in ${settings.timeZone}.`} />
      <ActivityFilter filter={filter} actions={actions} people={people} />
      {page.rows.length === 0 ? (
        <EmptyState title={filtered ? "Nothing matches this filter" : "No activity yet"}>
          {filtered ? "Try a wider date range or another kind of change." : "Changes to connections, stores, settings, members and workflow runs appear here."}
        </EmptyState>
      ) : (
        <Card>
          <ActivityTable rows={page.rows} format={{ locale: team.locale, timeZone: settings.timeZone }} />
          <nav aria-label="Activity pages" className="mt-3 flex justify-between text-sm">
            {page.newerCursor ? (
              <Link className="text-brand-600 hover:underline" href={link({ after: page.newerCursor })}>
                ← Newer entries
              </Link>
            ) : (
              <span />
            )}
            {page.olderCursor ? (
              <Link className="text-brand-600 hover:underline" href={link({ before: page.olderCursor })}>
                Older entries →
              </Link>
            ) : null}
          </nav>
        </Card>
      )}
    </>
  );
}
