import { ruleLabels, ruleTones } from "@/components/promotions/rule-labels";
import { Badge } from "@/components/ui/card";
import { formatDate, formatMoney, formatNumber } from "@/lib/format";
import type { PromotionDecision } from "@/lib/workflows/rules";
import { CustomerName } from "@/components/promotions/customer-name";

export type PromotionsFormat = { locale: string; timeZone: string; currency: string };

function actionText(d: PromotionDecision) {
  if (d.action === "hubspot_task") return "HubSpot follow-up task";
  if (d.listName) return `Add to "${d.listName}"`;
  return "Nothing sent";
}

/** Today's dry-run decisions: who, what, by which rule and why. */
export function DecisionsTable({ decisions, f }: { decisions: PromotionDecision[]; f: PromotionsFormat }) {
  return (
    <div className="-mx-4 overflow-x-auto px-4">
      <table className="min-w-full text-sm">
        <caption className="sr-only">Today&apos;s promotion decisions (dry run, nothing sent)</caption>
        <thead className="text-left text-xs uppercase text-slate-500">
          <tr>
            <th scope="col" className="py-2 pr-4">Customer</th>
            <th scope="col" className="py-2 pr-4">Rule</th>
            <th scope="col" className="py-2 pr-4">Action</th>
            <th scope="col" className="hidden py-2 pr-4 text-right sm:table-cell">Total</th>
            <th scope="col" className="hidden py-2 pr-4 text-right sm:table-cell">Orders</th>
            <th scope="col" className="hidden py-2 pr-4 md:table-cell">Last order</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {decisions.map((d) => (
            <tr key={d.email} data-testid="decision-row" data-rule={d.rule} className="align-top">
              <td className="py-2 pr-4">
                <CustomerName name={d.contactName} email={d.email} />
                <span className="mt-1 block max-w-xl text-xs text-slate-600" data-testid="decision-reason">{d.reason}</span>
              </td>
              <td className="whitespace-nowrap py-2 pr-4">
                <Badge tone={ruleTones[d.rule]}>{ruleLabels[d.rule]}</Badge>
              </td>
              <td className="py-2 pr-4 text-slate-700">{actionText(d)}</td>
              <td className="hidden py-2 pr-4 text-right tabular-nums sm:table-cell">{formatMoney(d.totalAmount, f)}</td>
              <td className="hidden py-2 pr-4 text-right tabular-nums sm:table-cell">{formatNumber(d.orderCount, f.locale)}</td>
              <td className="hidden py-2 pr-4 whitespace-nowrap md:table-cell">
                {formatDate(d.lastPurchaseDate, f)}
                <span className="block text-xs text-slate-500">
                  {d.daysSinceLastOrder === 0
                    ? "today"
                    : d.daysSinceLastOrder < 0
                      ? "after today"
                      : `${formatNumber(d.daysSinceLastOrder, f.locale)} day${d.daysSinceLastOrder === 1 ? "" : "s"} ago`}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
