import type { Metadata } from "next";
import Link from "next/link";
import { RepairButton } from "@/components/storage/repair-button";
import { buttonClass } from "@/components/ui/button";
import { Card, EmptyState, PageHeader, Stat } from "@/components/ui/card";
import { requireTeam } from "@/lib/auth/session";
import { formatNumber } from "@/lib/format";
import { StorageNotFoundError } from "@/lib/storage/errors";
import { reconcilePromotionCounters, type ReconcileReport } from "@/lib/storage/reconcile";

export const metadata: Metadata = { title: "Reconcile counters" };
export const dynamic = "force-dynamic";

const SHOWN = 500;

export default async function ReconcilePage({ searchParams }: { searchParams: Promise<{ repaired?: string }> }) {
  const { db, team, role } = await requireTeam();
  const repairedParam = (await searchParams).repaired;
  const repaired = repairedParam !== undefined && /^\d+$/.test(repairedParam) ? Number(repairedParam) : null;
  let report: ReconcileReport | null = null;
  try {
    report = await reconcilePromotionCounters(db, team.id);
  } catch (error) {
    if (!(error instanceof StorageNotFoundError)) throw error;
  }
  const canRepair = role !== "member";
  return (
    <>
      <PageHeader
        title="Reconcile counters"
        description="Recomputes each customer's total amount and number of orders from the Dynamic Promotion List and compares them with the two counter stores. Nothing changes until you repair."
        actions={<Link href="/storage" className={buttonClass("secondary")}>All stores</Link>}
      />
      {repaired !== null ? (
        <p role="status" className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-700">
          {repaired === 0
            ? "Nothing to repair: the counters already matched the list."
            : `Repaired ${formatNumber(repaired, team.locale)} customer${repaired === 1 ? "" : "s"}: their counters now match the promotion list (logged in Activity).`}
        </p>
      ) : null}
      {!report ? (
        <EmptyState title="No promotion list">This team has no Dynamic Promotion List or is missing one of its counter stores.</EmptyState>
      ) : (
        <>
          <div className="mb-6 grid gap-4 sm:grid-cols-2">
            <Stat label="Customers on the list" value={formatNumber(report.customers, team.locale)} />
            <Stat
              label="Customers with drift"
              value={formatNumber(report.drifts.length, team.locale)}
              hint={report.drifts.length ? "Counters differ from what the list says." : "Counters match the list."}
            />
          </div>
          {report.drifts.length === 0 ? (
            <EmptyState title="No drift">Every customer&apos;s counters match the promotion list.</EmptyState>
          ) : (
            <Card
              title={`Drift per customer${report.drifts.length > SHOWN ? ` (first ${SHOWN} of ${report.drifts.length})` : ""}`}
              actions={canRepair ? <RepairButton label={`Repair all ${report.drifts.length}`} /> : null}
            >
              <div className="overflow-x-auto">
                <table className="min-w-full text-sm">
                  <thead className="text-left text-xs uppercase text-slate-500">
                    <tr>
                      <th className="py-2 pr-4">Customer</th>
                      <th className="py-2 pr-4 text-right">Amount on list</th>
                      <th className="py-2 pr-4 text-right">Amount counter</th>
                      <th className="py-2 pr-4 text-right">Orders on list</th>
                      <th className="py-2 pr-4 text-right">Order counter</th>
                      {canRepair ? <th className="py-2"><span className="sr-only">Repair</span></th> : null}
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {report.drifts.slice(0, SHOWN).map((d) => (
                      <tr key={d.email}>
                        <td className="py-2 pr-4">{d.email}</td>
                        <td className="py-2 pr-4 text-right tabular-nums">{d.listAmount}</td>
                        <td className={`py-2 pr-4 text-right tabular-nums ${d.listAmount !== d.counterAmount ? "font-semibold text-red-700" : ""}`}>{d.counterAmount}</td>
                        <td className="py-2 pr-4 text-right tabular-nums">{d.listCount}</td>
                        <td className={`py-2 pr-4 text-right tabular-nums ${String(d.listCount) !== d.counterCount ? "font-semibold text-red-700" : ""}`}>{d.counterCount}</td>
                        {canRepair ? <td className="py-1"><RepairButton email={d.email} /></td> : null}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </Card>
          )}
        </>
      )}
    </>
  );
}
