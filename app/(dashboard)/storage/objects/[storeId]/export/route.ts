import { stringify } from "csv-stringify";
import { notFound } from "next/navigation";
import { getSessionTeam } from "@/lib/auth/session";
import { readObjectListParams, toListOptions } from "@/lib/storage/list-params";
import { getObjectStore } from "@/lib/storage/object-stores";
import { StorageValidationError } from "@/lib/storage/errors";
import { listObjectsInStore, resolveListOptions } from "@/lib/storage/objects";

/** CSV of the records matching the current filter, streamed page by page (keyset, 1,000 at a time). */
export async function GET(request: Request, { params }: { params: Promise<{ storeId: string }> }) {
  const ctx = await getSessionTeam();
  if (!ctx) return new Response("Sign in to download records.", { status: 401 });
  const { storeId } = await params;
  const store = await getObjectStore(ctx.db, ctx.team.id, storeId);
  if (!store) notFound();
  const view = readObjectListParams(new URL(request.url).searchParams);
  const options = toListOptions({ ...view, cursor: undefined }, 1000);
  try {
    resolveListOptions(store, options);
  } catch (error) {
    if (error instanceof StorageValidationError) return new Response(error.message, { status: 400 });
    throw error;
  }

  const csv = stringify({ header: true, columns: ["Key", ...store.fields, "Added"] });
  (async () => {
    let cursor: string | null = null;
    do {
      const page = await listObjectsInStore(ctx.db, store, { ...options, cursor });
      for (const r of page.items) {
        const row = [r.key, ...store.fields.map((f) => r.data[f] ?? ""), r.createdAt.toISOString()];
        if (!csv.write(row)) await new Promise((resolve) => csv.once("drain", resolve));
      }
      cursor = page.nextCursor;
    } while (cursor);
    csv.end();
  })().catch((error) => csv.destroy(error));

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      csv.on("data", (chunk: Buffer | string) => controller.enqueue(typeof chunk === "string" ? new TextEncoder().encode(chunk) : new Uint8Array(chunk)));
      csv.on("end", () => controller.close());
      csv.on("error", (error) => controller.error(error));
    },
    cancel() {
      csv.destroy();
    },
  });
  const filename = `${store.name.replace(/[^\w.-]+/g, "_") || "records"}.csv`;
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
    },
  });
}
