import type { Metadata } from "next";
import Link from "next/link";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { requireTeam } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { listActivity } from "@/lib/queries/activity";
import { getTeamSettings } from "@/lib/workflows/team-settings";

export const metadata: Metadata = { title: "Activity" };

const filters = ["team", "connection", "store", "workflow", "settings", "member"] as const;

export default async function ActivityPage({ searchParams }: { searchParams: Promise<{ action?: string; before?: string }> }) {
  const { db, team } = await requireTeam();
  const { action, before } = await searchParams;
  const [rows, settings] = await Promise.all([
    listActivity(db, team.id, { action, beforeId: before ? Number(before) || undefined : undefined, limit: 50 }),
    getTeamSettings(db, team.id),
  ]);
  const fmt = { locale: team.locale, timeZone: settings.timeZone };
  return (
    <>
      <PageHeader title="Activity" description="Every change made in this workspace, newest first." />
      <nav aria-label="Filter activity" className="mb-4 flex flex-wrap gap-2 text-sm">
        <Link href="/activity" className={!action ? "font-semibold text-brand-700" : "text-slate-600 hover:underline"}>All</Link>
        {filters.map((f) => (
          <Link key={f} href={`/activity?action=${f}.`} className={action === `${f}.` ? "font-semibold text-brand-700" : "text-slate-600 hover:underline"}>
            {f}
          </Link>
        ))}
      </nav>
      {rows.length === 0 ? (
        <EmptyState title="No activity yet">Changes to connections, stores, settings and workflow runs appear here.</EmptyState>
      ) : (
        <Card>
          <div className="overflow-x-auto">
            <table className="min-w-full text-sm">
              <thead className="text-left text-xs uppercase text-slate-500">
                <tr><th className="py-2 pr-4">When</th><th className="py-2 pr-4">Who</th><th className="py-2 pr-4">What</th><th className="py-2">Details</th></tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {rows.map((row) => (
                  <tr key={row.id}>
                    <td className="whitespace-nowrap py-2 pr-4 text-slate-600">{formatDateTime(row.createdAt, fmt)}</td>
                    <td className="py-2 pr-4">{row.userEmail ?? "system"}</td>
                    <td className="py-2 pr-4 font-mono text-xs">{row.action}</td>
                    <td className="py-2 font-mono text-xs text-slate-600">{Object.keys(row.detail).length ? JSON.stringify(row.detail) : ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {rows.length === 50 ? (
            <Link className="mt-3 inline-block text-sm text-brand-600 hover:underline" href={`/activity?${new URLSearchParams({ ...(action ? { action } : {}), before: String(rows.at(-1)!.id) })}`}>
              Older entries →
            </Link>
          ) : null}
        </Card>
      )}
    </>
  );
}
