// Bulk import (§3.3): validated, throttled per minute (400, not 429), processed shortly after.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { json, jsonBody, type Reply, type RequestContext } from "../http";
import { RollingWindow } from "../rate-limit";
import { EMAIL, type AcDeps } from "./contacts";
import type { AcImport } from "./store";

const MAX_CONTACTS = 250;
const MAX_PAYLOAD_BYTES = 400_000;
/** How long an import stays "queued" before the sandbox applies it. */
const PROCESSING_DELAY_MS = 200;

const importBody = z.object({
  contacts: z.array(
    z.object({
      email: z.unknown(),
      first_name: z.string().optional(),
      last_name: z.string().optional(),
      phone: z.union([z.string(), z.number()]).transform(String).optional(),
      subscribe: z.array(z.object({ listid: z.union([z.string(), z.number()]).transform(String) })).optional(),
      unsubscribe: z.array(z.object({ listid: z.union([z.string(), z.number()]).transform(String) })).optional(),
    }).passthrough(),
  ),
}).passthrough();

export class BulkImporter {
  private readonly multi = new RollingWindow(100, 60_000);
  private readonly single = new RollingWindow(20, 60_000);
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly deps: AcDeps,
    private readonly rateLimitsOn: () => boolean,
  ) {}

  start(ctx: RequestContext): Reply {
    if (Buffer.byteLength(ctx.rawBody) >= MAX_PAYLOAD_BYTES) {
      return json(400, { success: 0, message: "JSON payload did not pass validation", failureReasons: [`Payload must be smaller than ${MAX_PAYLOAD_BYTES} bytes`] });
    }
    const parsed = importBody.safeParse(jsonBody(ctx));
    if (!parsed.success) {
      return json(400, { success: 0, message: "JSON payload did not pass validation", failureReasons: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) });
    }
    const contacts = parsed.data.contacts;
    const reasons: { contact: number; failureReason: string }[] = [];
    if (contacts.length < 1 || contacts.length > MAX_CONTACTS) reasons.push({ contact: 0, failureReason: `Between 1 and ${MAX_CONTACTS} contacts are required` });
    contacts.forEach((c, i) => {
      if (typeof c.email !== "string" || !EMAIL.test(c.email.trim())) reasons.push({ contact: i, failureReason: "Field 'email' incorrect format" });
    });
    if (reasons.length) return json(400, { success: 0, message: "JSON payload did not pass validation", failureReasons: reasons });

    if (this.rateLimitsOn()) {
      const isSingle = contacts.length === 1;
      const window = isSingle ? this.single : this.multi;
      if (!window.take("account").allowed) {
        const reason = isSingle
          ? "Up to 20 single-contact imports may be requested per minute."
          : "Up to 100 imports may be requested per minute.";
        return json(400, { success: 0, message: "Rate limit exceeded.", failureReasons: [reason] });
      }
    }

    const batch: AcImport = {
      batchId: randomUUID(),
      status: "queued",
      contacts: contacts.length,
      success: [],
      failure: [],
      queuedAt: new Date(this.deps.now()).toISOString(),
      completedAt: null,
    };
    this.deps.store.imports.set(batch.batchId, batch);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.process(batch, contacts);
    }, PROCESSING_DELAY_MS);
    this.timers.add(timer);
    return json(200, { success: 1, queued_contacts: contacts.length, batchId: batch.batchId, message: "Contact import queued" });
  }

  private process(batch: AcImport, contacts: z.infer<typeof importBody>["contacts"]): void {
    const { store } = this.deps;
    const now = this.deps.now();
    for (const c of contacts) {
      const email = String(c.email).trim();
      const fields = { firstName: c.first_name, lastName: c.last_name, phone: c.phone };
      const existing = store.contactByEmail(email);
      const contact = existing ?? store.createContact({ ...fields, email }, now);
      if (existing) store.updateContact(existing, fields, now);
      for (const { listid } of c.subscribe ?? []) if (store.lists.has(listid)) store.setMembership(contact.id, listid, 1, "4", now);
      for (const { listid } of c.unsubscribe ?? []) if (store.lists.has(listid)) store.setMembership(contact.id, listid, 2, "4", now);
      batch.success.push(contact.id);
    }
    batch.status = "completed";
    batch.completedAt = now.toISOString();
  }

  info(ctx: RequestContext): Reply {
    const batchId = ctx.query.get("batchId");
    if (!batchId) return json(400, { success: 0, message: "'batchId' is a required field." });
    const batch = this.deps.store.imports.get(batchId);
    if (!batch) return json(404, { message: `No Result found for import with id ${batchId}` });
    return json(200, { status: batch.status, success: batch.success, failure: batch.failure });
  }

  /** Drops pending imports (reset / shutdown) so no timer fires into a cleared store. */
  cancelPending(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  clearRateLimits(): void {
    this.multi.clear();
    this.single.clear();
  }
}
