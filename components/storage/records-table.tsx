import type { StoredObject } from "@/db/schema";
import { DeleteRecordButton } from "./delete-record-button";

/** The records of one object store: key, every field, and delete (with confirmation). */
export function RecordsTable({
  storeId,
  fields,
  records,
  canDelete,
  view,
}: {
  storeId: string;
  fields: string[];
  records: StoredObject[];
  canDelete: boolean;
  /** The current query string, so a delete returns to the same filtered page. */
  view: string;
}) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-sm">
        <thead className="text-left text-xs uppercase text-slate-500">
          <tr>
            <th scope="col" className="whitespace-nowrap py-2 pr-4">Key</th>
            {fields.map((f) => (
              <th scope="col" key={f} className="whitespace-nowrap py-2 pr-4">{f}</th>
            ))}
            {canDelete ? <th scope="col" className="py-2"><span className="sr-only">Actions</span></th> : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {records.map((r) => (
            <tr key={r.id} className="align-top">
              <td className="whitespace-nowrap py-2 pr-4 font-mono text-xs">{r.key}</td>
              {fields.map((f) => (
                <td key={f} className="max-w-xs truncate py-2 pr-4" title={display(r.data[f])}>{display(r.data[f])}</td>
              ))}
              {canDelete ? (
                <td className="py-1">
                  <DeleteRecordButton storeId={storeId} recordKey={r.key} counted={r.contributions.length > 0} view={view} />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function display(value: unknown): string {
  if (value === null || value === undefined) return "";
  return String(value);
}
