import { formatDateTime } from "@/lib/format";
import type { ActivityRow } from "@/lib/queries/activity";
import { describeActivity } from "./describe";

export function ActivityTable({ rows, format }: { rows: ActivityRow[]; format: { locale: string; timeZone: string } }) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-sm">
        <caption className="sr-only">Activity, newest first</caption>
        <thead className="text-left text-xs uppercase text-slate-500">
          <tr>
            <th scope="col" className="py-2 pr-4">When</th>
            <th scope="col" className="py-2 pr-4">Who</th>
            <th scope="col" className="py-2">What</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => {
            const { title, details } = describeActivity(row.action, row.detail);
            return (
              <tr key={row.id} data-testid="activity-row" data-action={row.action} className="align-top">
                <td className="whitespace-nowrap py-2 pr-4 text-slate-600">
                  <time dateTime={new Date(row.createdAt).toISOString()}>{formatDateTime(row.createdAt, format)}</time>
                </td>
                <td className="py-2 pr-4">
                  {row.userEmail ? (
                    <span title={row.userEmail}>{row.userName ?? row.userEmail}</span>
                  ) : (
                    <span className="text-slate-500">{row.userId ? "a removed user" : "system"}</span>
                  )}
                </td>
                <td className="py-2">
                  <p className="text-slate-900">{title}</p>
                  {details.length ? <p className="text-xs text-slate-500">{details.join(" · ")}</p> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
