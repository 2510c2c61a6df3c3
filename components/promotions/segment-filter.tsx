import { ruleLabels } from "@/components/promotions/rule-labels";
import { buttonClass } from "@/components/ui/button";
import type { PromotionRule } from "@/lib/workflows/rules";

/** A plain GET form: works without JavaScript, and the filter lives in the address. */
export function SegmentFilter({ segment }: { segment: PromotionRule | null }) {
  return (
    <form method="get" action="/promotions" className="flex flex-wrap items-end gap-2" role="search" aria-label="Filter decisions">
      <div>
        <label htmlFor="segment" className="block text-xs font-medium text-slate-600">Segment</label>
        <select
          id="segment"
          name="segment"
          defaultValue={segment ?? ""}
          className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
        >
          <option value="">All customers</option>
          {(Object.keys(ruleLabels) as PromotionRule[]).map((r) => (
            <option key={r} value={r}>{ruleLabels[r]}</option>
          ))}
        </select>
      </div>
      <button type="submit" className={buttonClass("secondary")}>Show</button>
    </form>
  );
}
