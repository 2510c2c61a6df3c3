import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { buttonClass } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { requireTeam } from "@/lib/auth/session";
import { getTeamSettings } from "@/lib/workflows/team-settings";
import { formatDateTime } from "@/lib/format";
import { getCounterStore, listCounters } from "@/lib/storage/counters";
import { countText, moneyText } from "@/lib/storage/reconcile";

export const metadata: Metadata = { title: "Counter store" };

export default async function CounterStorePage({
  params,
  searchParams,
}: {
  params: Promise<{ storeId: string }>;
  searchParams: Promise<{ q?: string; after?: string }>;
}) {
  const { db, team } = await requireTeam();
  const { storeId } = await params;
  const store = await getCounterStore(db, team.id, storeId);
  if (!store) notFound();
  const { q, after } = await searchParams;
  const search = q?.trim().slice(0, 254) || undefined;
  const [page, settings] = await Promise.all([
    listCounters(db, team.id, store.id, { search, after: after || undefined, limit: 50 }),
    getTeamSettings(db, team.id),
  ]);
  const isCount = store.role === "order_count";
  const show = (v: string) => (isCount ? countText(v) : store.role === "order_amount" ? `${moneyText(v)} ${team.currency}` : countText(v));
  const base = `/storage/counters/${store.id}`;
  const query = (extra: Record<string, string | undefined>) => {
    const sp = new URLSearchParams();
    for (const [k, v] of Object.entries({ q: search, ...extra })) if (v) sp.set(k, v);
    const text = sp.toString();
    return text ? `?${text}` : "";
  };
  return (
    <>
      <PageHeader
        title={store.name}
        description={store.description || "Counters grouped by customer email (lower-cased)."}
        actions={<Link href="/storage" className={buttonClass("secondary")}>All stores</Link>}
      />
      <Card>
        <form method="get" action={base} className="mb-4 flex flex-wrap items-end gap-3" role="search">
          <label className="text-xs text-slate-600">
            Group (email) contains
            <input name="q" defaultValue={search} className="mt-1 block w-72 rounded-md border border-slate-300 px-2 py-1.5 text-sm" />
          </label>
          <button type="submit" className={buttonClass("primary")}>Search</button>
          {search ? <Link href={base} className="text-sm text-slate-600 hover:underline">Clear</Link> : null}
        </form>
        {page.items.length === 0 ? (
          <EmptyState title={search ? "No groups match" : "No counters yet"}>
            {search ? "Try another part of the email." : "Counters appear when a workflow increments them."}
          </EmptyState>
        ) : (
          <table className="min-w-full text-sm">
            <thead className="text-left text-xs uppercase text-slate-500">
              <tr><th className="py-2 pr-4">Group</th><th className="py-2 pr-4 text-right">Value</th><th className="py-2">Updated</th></tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.items.map((c) => (
                <tr key={c.group}>
                  <td className="py-2 pr-4">{c.group}</td>
                  <td className="py-2 pr-4 text-right tabular-nums">{show(c.value)}</td>
                  <td className="py-2 text-slate-600">{formatDateTime(c.updatedAt, { locale: team.locale, timeZone: settings.timeZone })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <nav aria-label="Pages" className="mt-3 flex gap-4 text-sm">
          {after ? <Link href={`${base}${query({})}`} className="text-brand-600 hover:underline">← First page</Link> : null}
          {page.nextCursor ? <Link href={`${base}${query({ after: page.nextCursor })}`} className="text-brand-600 hover:underline">Next page →</Link> : null}
        </nav>
      </Card>
    </>
  );
}
