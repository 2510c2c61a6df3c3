import { z } from "zod";
import type { ConnectionRuntime } from "../runtime";

const PAGE = 100;

const idString = z.union([z.string(), z.number()]).transform(String);
const contactSchema = z.looseObject({ id: idString, email: z.string() });
const listSchema = z.looseObject({ id: idString, name: z.string(), stringid: z.string() });
const metaSchema = z.looseObject({ total: z.union([z.string(), z.number()]).transform(Number) });

const contactsResponse = z.looseObject({ contacts: z.array(contactSchema), meta: metaSchema.optional() });
const contactResponse = z.looseObject({ contact: z.looseObject({ id: idString }) });
const listsResponse = z.looseObject({ lists: z.array(listSchema), meta: metaSchema.optional() });
const listResponse = z.looseObject({ list: z.looseObject({ id: idString }) });
const contactListResponse = z.looseObject({ contactList: z.looseObject({}).optional() });
const bulkImportResponse = z
  .looseObject({
    success: z.union([z.number(), z.boolean(), z.string()]).optional(),
    Success: z.union([z.number(), z.boolean(), z.string()]).optional(),
    batchId: z.string(),
  })
  .refine((b) => Number(b.success ?? b.Success) === 1 || b.success === true || b.Success === true, {
    message: "import was not accepted",
    path: ["success"],
  });
const importInfoResponse = z.looseObject({
  status: z.string(),
  success: z.array(idString).default([]),
  failure: z.array(idString).default([]),
});
const meResponse = z.looseObject({ user: z.looseObject({ id: idString, email: z.string().optional(), username: z.string().optional() }) });

export type ActiveCampaignContactInput = { email: string; firstName?: string; lastName?: string; phone?: string };

export interface ActiveCampaignClient {
  findContactByEmail(email: string): Promise<{ id: string; email: string } | null>;
  syncContact(contact: ActiveCampaignContactInput): Promise<{ id: string }>;
  listLists(filter?: { name?: string }): Promise<{ id: string; name: string; stringid: string }[]>;
  createList(input: { name: string; stringid: string; senderUrl: string; senderReminder: string }): Promise<{ id: string }>;
  subscribeContactToList(contactId: string, listId: string): Promise<void>;
  bulkImport(contacts: ActiveCampaignContactInput[], opts?: { listIds?: string[] }): Promise<{ batchId: string }>;
  importStatus(batchId: string): Promise<{ status: string; success: string[]; failure: string[] }>;
  test(): Promise<{ account: string }>;
}

const numericId = (id: string) => (/^\d+$/.test(id) ? Number(id) : id);

/** ActiveCampaign answers bulk-import throttling with 400 "Rate limit exceeded." rather than 429. */
const bulkThrottle = (status: number, body: unknown) =>
  status === 400 && /rate limit/i.test(String((body as { message?: unknown } | null)?.message ?? ""));

export function createActiveCampaignClient(rt: ConnectionRuntime): ActiveCampaignClient {
  const url = (path: string) => `${rt.baseUrl}/api/3${path}`;
  return {
    findContactByEmail: (email) =>
      rt.call(async () => {
        const body = await rt.http.request({
          operation: "findContactByEmail",
          method: "GET",
          url: url("/contacts"),
          query: { email },
          schema: contactsResponse,
        });
        const match = body.contacts.find((c) => c.email.toLowerCase() === email.toLowerCase()) ?? body.contacts[0];
        return match ? { id: match.id, email: match.email } : null;
      }),

    syncContact: (contact) =>
      rt.call(async () => {
        const payload: Record<string, string> = { email: contact.email };
        if (contact.firstName !== undefined) payload.firstName = contact.firstName;
        if (contact.lastName !== undefined) payload.lastName = contact.lastName;
        if (contact.phone !== undefined) payload.phone = contact.phone;
        const body = await rt.http.request({
          operation: "syncContact",
          method: "POST",
          url: url("/contact/sync"),
          json: { contact: payload },
          schema: contactResponse,
        });
        return { id: body.contact.id };
      }),

    listLists: (filter) =>
      rt.call(async () => {
        const out: { id: string; name: string; stringid: string }[] = [];
        for (let offset = 0; ; offset += PAGE) {
          const body = await rt.http.request({
            operation: "listLists",
            method: "GET",
            url: url("/lists"),
            query: { limit: PAGE, offset, "filters[name]": filter?.name },
            schema: listsResponse,
          });
          out.push(...body.lists.map((l) => ({ id: l.id, name: l.name, stringid: l.stringid })));
          const total = body.meta?.total;
          if (body.lists.length < PAGE || (total !== undefined && offset + body.lists.length >= total)) break;
        }
        return out;
      }),

    createList: (input) =>
      rt.call(async () => {
        const body = await rt.http.request({
          operation: "createList",
          method: "POST",
          url: url("/lists"),
          json: {
            list: {
              name: input.name,
              stringid: input.stringid,
              sender_url: input.senderUrl,
              sender_reminder: input.senderReminder,
              send_last_broadcast: 0,
              subscription_notify: "",
              unsubscription_notify: "",
              carboncopy: "",
            },
          },
          schema: listResponse,
        });
        return { id: body.list.id };
      }),

    subscribeContactToList: (contactId, listId) =>
      rt.call(async () => {
        await rt.http.request({
          operation: "subscribeContactToList",
          method: "POST",
          url: url("/contactLists"),
          json: { contactList: { list: numericId(listId), contact: numericId(contactId), status: 1 } },
          schema: contactListResponse,
        });
      }),

    bulkImport: (contacts, opts) =>
      rt.call(async () => {
        if (contacts.length < 1 || contacts.length > 250) throw new RangeError("ActiveCampaign bulk import takes 1–250 contacts per call");
        const subscribe = (opts?.listIds ?? []).map((listid) => ({ listid }));
        const body = await rt.http.request({
          operation: "bulkImport",
          method: "POST",
          url: url("/import/bulk_import"),
          json: {
            contacts: contacts.map((c) => ({
              email: c.email,
              ...(c.firstName !== undefined ? { first_name: c.firstName } : {}),
              ...(c.lastName !== undefined ? { last_name: c.lastName } : {}),
              ...(c.phone !== undefined ? { phone: c.phone } : {}),
              ...(subscribe.length ? { subscribe } : {}),
            })),
          },
          schema: bulkImportResponse,
          isThrottle: bulkThrottle,
        });
        return { batchId: body.batchId };
      }),

    importStatus: (batchId) =>
      rt.call(async () => {
        const body = await rt.http.request({
          operation: "importStatus",
          method: "GET",
          url: url("/import/info"),
          query: { batchId },
          schema: importInfoResponse,
        });
        return { status: body.status, success: body.success, failure: body.failure };
      }),

    test: () =>
      rt.call(async () => {
        await rt.http.request({ operation: "test", method: "GET", url: url("/users/me"), schema: meResponse });
        return { account: rt.accountId ?? new URL(rt.baseUrl).host };
      }),
  };
}
