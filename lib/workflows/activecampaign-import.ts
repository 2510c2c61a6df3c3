import { VendorError } from "@/lib/connectors/errors";
import type { ActiveCampaignPort } from "@/lib/workflows/context";

/** ActiveCampaign bulk import takes 1–250 contacts per call. */
export const IMPORT_CHUNK = 250;

export type ImportContact = { email: string; firstName?: string; lastName?: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Upserts contacts (and, with `listIds`, subscribes them) in ActiveCampaign with bulk imports of up
 * to 250 contacts, then waits until every import has completed. An import is an upsert by email, so
 * a retried step sends it again without creating duplicates. A chunk the vendor refuses outright
 * (400: an address it will not accept) falls back to one `contact/sync` (+ list add) per contact,
 * so one bad address cannot hold back the others. Returns the contact id per email where known and
 * the emails the vendor refused.
 */
export async function importContacts(
  ac: ActiveCampaignPort,
  contacts: ImportContact[],
  opts: { listIds?: string[]; pollMs?: number; timeoutMs?: number } = {},
): Promise<{ ids: Map<string, string>; imports: number; fallbacks: number; failed: string[] }> {
  const ids = new Map<string, string>();
  const failed: string[] = [];
  const pending: { batchId: string; chunk: ImportContact[] }[] = [];
  let fallbacks = 0;
  for (let i = 0; i < contacts.length; i += IMPORT_CHUNK) {
    const chunk = contacts.slice(i, i + IMPORT_CHUNK);
    try {
      const { batchId } = await ac.bulkImport(chunk, { listIds: opts.listIds });
      pending.push({ batchId, chunk });
    } catch (error) {
      if (!(error instanceof VendorError) || error.retriable || error.status !== 400) throw error;
      fallbacks += chunk.length;
      for (const c of chunk) {
        try {
          const contact = await ac.syncContact(c);
          ids.set(c.email, contact.id);
          for (const listId of opts.listIds ?? []) await ac.subscribeContactToList(contact.id, listId);
        } catch (refused) {
          if (!(refused instanceof VendorError) || refused.retriable) throw refused;
          failed.push(c.email);
        }
      }
    }
  }
  const pollMs = opts.pollMs ?? 250;
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  if (pending.length > 0) await sleep(pollMs);
  for (const { batchId, chunk } of pending) {
    for (let wait = pollMs; ; wait = Math.min(wait * 2, 4_000)) {
      const status = await ac.importStatus(batchId);
      if (status.status === "completed") {
        // `success` lists the contact ids in the order of the import; `failure` the refused rows.
        if (status.failure.length === 0 && status.success.length === chunk.length) {
          chunk.forEach((c, index) => ids.set(c.email, status.success[index]));
        }
        failed.push(...status.failure);
        break;
      }
      if (Date.now() > deadline) {
        throw new VendorError({
          vendor: "activecampaign",
          operation: "importStatus",
          message: `bulk import ${batchId} still ${status.status} after ${Math.round((opts.timeoutMs ?? 120_000) / 1000)} s`,
          retriable: true,
        });
      }
      await sleep(wait);
    }
  }
  return { ids, imports: pending.length, fallbacks, failed };
}
