import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import type { ActivityFilter as Filter } from "@/lib/queries/activity";
import { actionCategories, humanizeAction } from "./describe";

const controlClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500";

/** A plain GET form: the filter lives in the query string, so it works without JavaScript and can be bookmarked. */
export function ActivityFilter({
  filter,
  actions,
  people,
}: {
  filter: Filter;
  actions: string[];
  people: { id: string; email: string; name: string | null }[];
}) {
  return (
    <form method="get" action="/activity" data-testid="activity-filter" role="search" aria-label="Filter activity" className="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-[1.3fr_1.3fr_1fr_1fr_auto]">
      <div className="space-y-1">
        <label htmlFor="activity-action" className="block text-sm font-medium text-slate-700">What</label>
        <select id="activity-action" name="action" defaultValue={filter.action ?? ""} className={controlClass}>
          <option value="">Everything</option>
          <optgroup label="Kinds">
            {actionCategories.map((category) => (
              <option key={category.value} value={category.value}>
                {category.label}
              </option>
            ))}
          </optgroup>
          {actions.length ? (
            <optgroup label="Actions">
              {actions.map((action) => (
                <option key={action} value={action}>
                  {humanizeAction(action)}
                </option>
              ))}
            </optgroup>
          ) : null}
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor="activity-user" className="block text-sm font-medium text-slate-700">Who</label>
        <select id="activity-user" name="user" defaultValue={filter.user ?? ""} className={controlClass}>
          <option value="">Anyone</option>
          <option value="system">System (schedules)</option>
          {people.map((person) => (
            <option key={person.id} value={person.id}>
              {person.name ? `${person.name} (${person.email})` : person.email}
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor="activity-from" className="block text-sm font-medium text-slate-700">From</label>
        <input id="activity-from" name="from" type="date" defaultValue={filter.from ?? ""} className={controlClass} />
      </div>
      <div className="space-y-1">
        <label htmlFor="activity-to" className="block text-sm font-medium text-slate-700">To</label>
        <input id="activity-to" name="to" type="date" defaultValue={filter.to ?? ""} className={controlClass} />
      </div>
      <div className="flex items-end gap-2">
        <button type="submit" className={buttonClass("primary")}>Filter</button>
        <Link href="/activity" className={buttonClass("ghost")}>Clear</Link>
      </div>
    </form>
  );
}
