import Link from "next/link";
import { actionLabels } from "@/components/promotions/rule-labels";
import type { PromotionsFormat } from "@/components/promotions/decisions-table";
import { Badge } from "@/components/ui/card";
import { formatDate, formatDateTime } from "@/lib/format";
import type { ActionHistoryRow } from "@/lib/queries/promotions";
import type { VendorLink } from "@/lib/vendor-links";
import { CustomerName } from "@/components/promotions/customer-name";

const statusTones = { done: "green", pending: "amber", failed: "red" } as const;
const statusLabels = { done: "Done", pending: "Pending", failed: "Failed" } as const;

function VendorLinks({ links }: { links: VendorLink[] }) {
  if (links.length === 0) return <span className="text-slate-400">—</span>;
  return (
    <ul className="space-y-0.5">
      {links.map((l) => (
        <li key={`${l.label}-${l.id}`} className="whitespace-nowrap text-xs">
          {l.href ? (
            <a href={l.href} target="_blank" rel="noopener noreferrer" className="font-medium text-brand-600 hover:underline">
              {l.label} {l.id}
              <span className="sr-only"> (opens in a new tab)</span>
            </a>
          ) : (
            <span className="text-slate-600">
              {l.label} <span className="font-mono">{l.id}</span>
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Promotions taken: one row per customer, action and day, with the vendor records they created. */
export function HistoryTable({ rows, f }: { rows: (ActionHistoryRow & { links: VendorLink[] })[]; f: PromotionsFormat }) {
  return (
    <div className="-mx-4 overflow-x-auto px-4">
      <table className="min-w-full text-sm">
        <caption className="sr-only">Promotions taken, newest first</caption>
        <thead className="text-left text-xs uppercase text-slate-500">
          <tr>
            <th scope="col" className="py-2 pr-4">Customer</th>
            <th scope="col" className="py-2 pr-4">Action</th>
            <th scope="col" className="py-2 pr-4">Status</th>
            <th scope="col" className="hidden py-2 pr-4 sm:table-cell">Vendor records</th>
            <th scope="col" className="hidden py-2 pr-4 md:table-cell">When</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((a) => (
            <tr key={a.id} data-testid="action-row" data-status={a.status} className="align-top">
              <td className="py-2 pr-4">
                <CustomerName name={a.contactName} email={a.email} />
                <details className="mt-1 text-xs text-slate-600">
                  <summary className="cursor-pointer text-slate-500">Why</summary>
                  {a.reason}
                </details>
              </td>
              <td className="py-2 pr-4 text-slate-700">
                {actionLabels[a.action] ?? a.action}
                <span className="block text-xs text-slate-500">for {formatDate(a.period, f)}</span>
              </td>
              <td className="py-2 pr-4">
                <Badge tone={statusTones[a.status]}>{statusLabels[a.status]}</Badge>
                {a.status === "failed" && a.error ? <span className="mt-1 block max-w-xs text-xs text-red-700">{a.error}</span> : null}
              </td>
              <td className="hidden py-2 pr-4 sm:table-cell">
                <VendorLinks links={a.links} />
              </td>
              <td className="hidden py-2 pr-4 whitespace-nowrap text-slate-600 md:table-cell">
                {formatDateTime(a.completedAt ?? a.createdAt, f)}
                {a.runId ? (
                  <Link href={`/workflows/runs/${a.runId}`} className="block text-xs font-medium text-brand-600 hover:underline">
                    Open run<span className="sr-only"> that promoted {a.email}</span>
                  </Link>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
