import type { Metadata } from "next";
import Link from "next/link";
import { CreateCounterStoreForm } from "@/components/storage/create-counter-store-form";
import { CreateObjectStoreForm } from "@/components/storage/create-object-store-form";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/card";
import { requireTeam } from "@/lib/auth/session";
import { formatNumber } from "@/lib/format";
import { listCounterStores } from "@/lib/storage/counters";
import { listObjectStores } from "@/lib/storage/object-stores";

export const metadata: Metadata = { title: "Storage" };

/** Stores the workflows read and write, whatever the merchant has named them. */
const roleLabels: Record<string, string> = {
  promotion_list: "Workflows: promotion list",
  order_amount: "Workflows: order amount",
  order_count: "Workflows: order count",
};

export default async function StoragePage() {
  const { db, team } = await requireTeam();
  const [objectStores, counterStores] = await Promise.all([listObjectStores(db, team.id), listCounterStores(db, team.id)]);
  return (
    <>
      <PageHeader
        title="Storage"
        description="Object stores keep records by key (the Dynamic Promotion List is one); counter stores keep exact totals per customer email."
        actions={<Link href="/storage/reconcile" className="text-sm font-medium text-brand-600 hover:underline">Reconcile counters →</Link>}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Object stores">
          {objectStores.length === 0 ? (
            <EmptyState title="No object stores">Create one below.</EmptyState>
          ) : (
            <table className="min-w-full text-sm">
              <thead className="text-left text-xs uppercase text-slate-500">
                <tr><th className="py-2 pr-4">Name</th><th className="py-2 pr-4">Fields</th><th className="py-2 text-right">Records</th></tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {objectStores.map((s) => (
                  <tr key={s.id}>
                    <td className="py-2 pr-4">
                      <Link href={`/storage/objects/${s.id}`} className="font-medium text-brand-600 hover:underline">{s.name}</Link>
                      {s.role ? <span className="ml-2"><Badge tone="blue">{roleLabels[s.role] ?? s.role}</Badge></span> : null}
                      {s.description ? <p className="text-xs text-slate-500">{s.description}</p> : null}
                    </td>
                    <td className="py-2 pr-4 text-xs text-slate-600">{s.fields.join(", ")}</td>
                    <td className="py-2 text-right tabular-nums">{formatNumber(s.recordCount, team.locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
        <Card title="Counter stores">
          {counterStores.length === 0 ? (
            <EmptyState title="No counter stores">Create one below.</EmptyState>
          ) : (
            <table className="min-w-full text-sm">
              <thead className="text-left text-xs uppercase text-slate-500">
                <tr><th className="py-2 pr-4">Name</th><th className="py-2 text-right">Counters</th></tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {counterStores.map((s) => (
                  <tr key={s.id}>
                    <td className="py-2 pr-4">
                      <Link href={`/storage/counters/${s.id}`} className="font-medium text-brand-600 hover:underline">{s.name}</Link>
                      {s.role ? <span className="ml-2"><Badge tone="blue">{roleLabels[s.role] ?? s.role}</Badge></span> : null}
                      {s.description ? <p className="text-xs text-slate-500">{s.description}</p> : null}
                    </td>
                    <td className="py-2 text-right tabular-nums">{formatNumber(s.counterCount, team.locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
        <Card title="New object store">
          <CreateObjectStoreForm />
        </Card>
        <Card title="New counter store">
          <CreateCounterStoreForm />
        </Card>
      </div>
    </>
  );
}
