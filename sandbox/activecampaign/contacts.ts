// Contacts, lists and list memberships (§3.3).
import { z } from "zod";
import { json, jsonBody, type Reply, type RequestContext } from "../http";
import { badRequest, notFound, unprocessable } from "./errors";
import { contactListView, contactView, listView, type AcContact, type ActiveCampaignStore } from "./store";

export interface AcDeps {
  store: ActiveCampaignStore;
  now(): Date;
  maybeMalform<T extends Record<string, unknown>>(record: T): T;
}

export const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const MAX_LIMIT = 100;

const contactBody = z.object({
  contact: z.object({
    email: z.string().optional(),
    firstName: z.string().optional(),
    lastName: z.string().optional(),
    phone: z.union([z.string(), z.number()]).transform(String).optional(),
    fieldValues: z.array(z.object({ field: z.union([z.string(), z.number()]), value: z.unknown() })).optional(),
  }),
});
const listBody = z.object({ list: z.record(z.string(), z.unknown()) });
const contactListBody = z.object({
  contactList: z.object({
    list: z.union([z.string(), z.number()]).transform(String),
    contact: z.union([z.string(), z.number()]).transform(String),
    status: z.union([z.string(), z.number()]).transform(Number).refine((s) => s === 1 || s === 2, "status must be 1 or 2"),
    sourceid: z.union([z.string(), z.number()]).transform(String).optional(),
  }),
});

function paging(query: URLSearchParams): { limit: number; offset: number } {
  const limit = Math.min(MAX_LIMIT, Math.max(1, Number(query.get("limit") ?? 20) || 20));
  const offset = Math.max(0, Number(query.get("offset") ?? 0) || 0);
  return { limit, offset };
}

function parseContact(ctx: RequestContext): { fields: z.infer<typeof contactBody>["contact"]; email: string } | Reply {
  const parsed = contactBody.safeParse(jsonBody(ctx));
  if (!parsed.success) return badRequest();
  const email = parsed.data.contact.email?.trim() ?? "";
  if (!email) return unprocessable([{ title: "Contact Email Address is required", code: "field_missing", field: "email" }]);
  if (!EMAIL.test(email)) return unprocessable([{ title: "Email address is not valid", code: "field_invalid", field: "email" }]);
  return { fields: parsed.data.contact, email };
}

const contactReply = (status: number, c: AcContact, ctx: RequestContext, fieldValues: unknown[] = []) =>
  json(status, { fieldValues, contact: contactView(c, ctx.origin) });

export function listContacts(ctx: RequestContext, deps: AcDeps): Reply {
  const { limit, offset } = paging(ctx.query);
  const email = ctx.query.get("email")?.trim().toLowerCase();
  const emailLike = ctx.query.get("email_like")?.trim().toLowerCase();
  const idGreater = Number(ctx.query.get("id_greater") ?? 0);
  const listId = ctx.query.get("listid");
  const members = listId ? new Set([...deps.store.contactLists.values()].filter((m) => m.list === listId && m.status === 1).map((m) => m.contact)) : null;
  const all = [...deps.store.contacts.values()].filter(
    (c) => (!email || c.email === email) && (!emailLike || c.email.includes(emailLike)) && Number(c.id) > idGreater && (!members || members.has(c.id)),
  );
  if (ctx.query.get("orders[id]")?.toUpperCase() === "DESC") all.reverse();
  return json(200, {
    scoreValues: [],
    contacts: all.slice(offset, offset + limit).map((c) => deps.maybeMalform(contactView(c, ctx.origin))),
    meta: { total: String(all.length), page_input: { limit, offset, segmentid: 0, listid: Number(listId ?? 0), tagid: 0, status: -1, forceQuery: 0 } },
  });
}

export function getContact(ctx: RequestContext, deps: AcDeps): Reply {
  const c = deps.store.contacts.get(ctx.params.id);
  return c ? json(200, { contact: deps.maybeMalform(contactView(c, ctx.origin)) }) : notFound("Subscriber", ctx.params.id);
}

export function createContact(ctx: RequestContext, deps: AcDeps): Reply {
  const input = parseContact(ctx);
  if ("status" in input) return input;
  if (deps.store.contactByEmail(input.email)) {
    return unprocessable([{ title: "Email address already exists in the system", code: "duplicate", field: "email" }]);
  }
  const c = deps.store.createContact({ ...input.fields, email: input.email }, deps.now());
  return contactReply(201, c, ctx, input.fields.fieldValues);
}

/** Upsert on email: 201 when created, 200 when an existing contact was updated. */
export function syncContact(ctx: RequestContext, deps: AcDeps): Reply {
  const input = parseContact(ctx);
  if ("status" in input) return input;
  const existing = deps.store.contactByEmail(input.email);
  if (existing) {
    deps.store.updateContact(existing, input.fields, deps.now());
    return contactReply(200, existing, ctx, input.fields.fieldValues);
  }
  return contactReply(201, deps.store.createContact({ ...input.fields, email: input.email }, deps.now()), ctx, input.fields.fieldValues);
}

export function listLists(ctx: RequestContext, deps: AcDeps): Reply {
  const { limit, offset } = paging(ctx.query);
  const name = ctx.query.get("filters[name]")?.trim().toLowerCase();
  const all = [...deps.store.lists.values()].filter((l) => !name || l.name.toLowerCase() === name);
  return json(200, { lists: all.slice(offset, offset + limit).map((l) => listView(l, ctx.origin)), meta: { total: String(all.length) } });
}

const REQUIRED_LIST_FIELDS = ["name", "stringid", "sender_url", "sender_reminder"] as const;

export function createList(ctx: RequestContext, deps: AcDeps): Reply {
  const parsed = listBody.safeParse(jsonBody(ctx));
  if (!parsed.success) return badRequest();
  const list = parsed.data.list;
  const missing = REQUIRED_LIST_FIELDS.filter((f) => typeof list[f] !== "string" || !(list[f] as string).trim());
  if (missing.length) return unprocessable(missing.map((f) => ({ title: `The list ${f} was not provided.`, code: "field_missing", field: f })));
  const [name, stringid, sender_url, sender_reminder] = REQUIRED_LIST_FIELDS.map((f) => String(list[f]));
  const created = deps.store.createList({ name, stringid, sender_url, sender_reminder }, deps.now());
  return json(200, { list: listView(created, ctx.origin) });
}

export function subscribe(ctx: RequestContext, deps: AcDeps): Reply {
  const parsed = contactListBody.safeParse(jsonBody(ctx));
  if (!parsed.success) return unprocessable(parsed.error.issues.map((i) => ({ title: `${i.path.join(".")}: ${i.message}`, code: "field_invalid" })));
  const { list, contact, status, sourceid } = parsed.data.contactList;
  const c = deps.store.contacts.get(contact);
  if (!c) return notFound("Subscriber", contact);
  if (!deps.store.lists.has(list)) return notFound("List", list);
  const membership = deps.store.setMembership(contact, list, status, sourceid ?? "0", deps.now());
  return json(200, { contacts: [contactView(c, ctx.origin)], contactList: contactListView(membership, ctx.origin) });
}

export function listMemberships(ctx: RequestContext, deps: AcDeps): Reply {
  const contact = ctx.params.id ?? ctx.query.get("filters[contact]");
  const list = ctx.query.get("filters[list]");
  const rows = [...deps.store.contactLists.values()].filter((m) => (!contact || m.contact === contact) && (!list || m.list === list));
  return json(200, { contactLists: rows.map((m) => contactListView(m, ctx.origin)), meta: { total: String(rows.length) } });
}
