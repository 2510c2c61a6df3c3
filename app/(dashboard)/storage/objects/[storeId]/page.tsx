import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RecordsTable } from "@/components/storage/records-table";
import { buttonClass } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { requireTeam } from "@/lib/auth/session";
import { StorageValidationError } from "@/lib/storage/errors";
import { objectListQuery, readObjectListParams, toListOptions } from "@/lib/storage/list-params";
import { getObjectStore } from "@/lib/storage/object-stores";
import { listObjectsInStore, type ObjectPage } from "@/lib/storage/objects";

export const metadata: Metadata = { title: "Object store" };

const inputClass = "rounded-md border border-slate-300 px-2 py-1.5 text-sm";

export default async function ObjectStorePage({
  params,
  searchParams,
}: {
  params: Promise<{ storeId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { db, team, role } = await requireTeam();
  const { storeId } = await params;
  const store = await getObjectStore(db, team.id, storeId);
  if (!store) notFound();
  const query = await searchParams;
  const view = readObjectListParams(query);
  const deletedKey = typeof query.deleted === "string" ? query.deleted.slice(0, 128) : null;
  let page: ObjectPage = { items: [], nextCursor: null };
  let problem: string | null = null;
  try {
    page = await listObjectsInStore(db, store, toListOptions(view));
  } catch (error) {
    if (!(error instanceof StorageValidationError)) throw error;
    problem = error.message;
  }
  const base = `/storage/objects/${store.id}`;
  const filtered = Boolean(view.q || view.prefix || (view.field && view.value));
  return (
    <>
      <PageHeader
        title={store.name}
        description={store.description || undefined}
        actions={
          <>
            <Link href="/storage" className={buttonClass("secondary")}>All stores</Link>
            <a href={`${base}/export${objectListQuery({ ...view, cursor: undefined })}`} className={buttonClass("secondary")} download>
              Download CSV
            </a>
          </>
        }
      />
      <Card>
        <form method="get" action={base} className="mb-4 flex flex-wrap items-end gap-3" role="search">
          <label className="text-xs text-slate-600">
            Search (email, key or any value)
            <input name="q" defaultValue={view.q} className={`${inputClass} mt-1 block w-64`} placeholder="ann@example.com" />
          </label>
          <label className="text-xs text-slate-600">
            Field
            <select name="field" defaultValue={view.field ?? ""} className={`${inputClass} mt-1 block`}>
              <option value="">—</option>
              {store.fields.map((f) => <option key={f} value={f}>{f}</option>)}
            </select>
          </label>
          <label className="text-xs text-slate-600">
            equals
            <input name="value" defaultValue={view.value} className={`${inputClass} mt-1 block w-40`} />
          </label>
          <label className="text-xs text-slate-600">
            Key starts with
            <input name="prefix" defaultValue={view.prefix} className={`${inputClass} mt-1 block w-40`} placeholder="NetSuite-" />
          </label>
          <label className="text-xs text-slate-600">
            Sort by
            <select name="sort" defaultValue={view.sort ?? "created"} className={`${inputClass} mt-1 block`}>
              <option value="created">Added</option>
              <option value="key">Key</option>
              {store.fields.map((f) => <option key={f} value={f}>{f}</option>)}
            </select>
          </label>
          <label className="text-xs text-slate-600">
            Order
            <select name="dir" defaultValue={view.dir ?? ""} className={`${inputClass} mt-1 block`}>
              <option value="">Default</option>
              <option value="asc">Ascending</option>
              <option value="desc">Descending</option>
            </select>
          </label>
          <button type="submit" className={buttonClass("primary")}>Apply</button>
          {filtered || view.sort ? <Link href={base} className="text-sm text-slate-600 hover:underline">Clear</Link> : null}
        </form>
        {deletedKey ? (
          <p role="status" className="mb-3 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-700">
            Deleted {deletedKey}. Anything it had added to counters was subtracted.
          </p>
        ) : null}
        {problem ? <p role="alert" className="mb-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{problem}</p> : null}
        {page.items.length === 0 ? (
          <EmptyState title={filtered ? "No records match" : "No records yet"}>
            {filtered ? "Try another search or clear the filters." : "Records appear here when a workflow adds them."}
          </EmptyState>
        ) : (
          <RecordsTable storeId={store.id} fields={store.fields} records={page.items} canDelete={role !== "member"} view={objectListQuery(view)} />
        )}
        <nav aria-label="Pages" className="mt-3 flex gap-4 text-sm">
          {view.cursor ? <Link href={`${base}${objectListQuery({ ...view, cursor: undefined })}`} className="text-brand-600 hover:underline">← First page</Link> : null}
          {page.nextCursor ? (
            <Link href={`${base}${objectListQuery(view, { cursor: page.nextCursor })}`} className="text-brand-600 hover:underline">Next page →</Link>
          ) : null}
        </nav>
      </Card>
    </>
  );
}
