// ActiveCampaign account state: contacts, lists, list memberships and bulk imports, in memory.
import { createHash } from "node:crypto";

export interface AcContact {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  phone: string;
  cdate: string;
  udate: string;
}

export interface AcList {
  id: string;
  name: string;
  stringid: string;
  sender_url: string;
  sender_reminder: string;
  cdate: string;
  userid: string;
}

export interface AcContactList {
  id: string;
  contact: string;
  list: string;
  /** 1 subscribed, 2 unsubscribed. */
  status: number;
  sdate: string;
  udate: string | null;
  sourceid: string;
}

export interface AcImport {
  batchId: string;
  status: "queued" | "completed";
  contacts: number;
  success: string[];
  failure: string[];
  queuedAt: string;
  completedAt: string | null;
}

/** AC prints local time with an offset, e.g. 2018-09-12T16:53:50-05:00; the sandbox account is UTC. */
export function acDate(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, "+00:00");
}

export class ActiveCampaignStore {
  contacts = new Map<string, AcContact>();
  lists = new Map<string, AcList>();
  contactLists = new Map<string, AcContactList>();
  imports = new Map<string, AcImport>();
  private nextIds = { contact: 1, list: 1, contactList: 1 };

  reset(): void {
    this.contacts.clear();
    this.lists.clear();
    this.contactLists.clear();
    this.imports.clear();
    this.nextIds = { contact: 1, list: 1, contactList: 1 };
  }

  contactByEmail(email: string): AcContact | undefined {
    const wanted = email.trim().toLowerCase();
    for (const c of this.contacts.values()) if (c.email === wanted) return c;
    return undefined;
  }

  createContact(fields: Partial<Pick<AcContact, "email" | "firstName" | "lastName" | "phone">>, now: Date): AcContact {
    const id = String(this.nextIds.contact++);
    const contact: AcContact = {
      id,
      email: (fields.email ?? "").trim().toLowerCase(),
      firstName: fields.firstName ?? "",
      lastName: fields.lastName ?? "",
      phone: fields.phone ?? "",
      cdate: acDate(now),
      udate: acDate(now),
    };
    this.contacts.set(id, contact);
    return contact;
  }

  updateContact(contact: AcContact, fields: Partial<Pick<AcContact, "firstName" | "lastName" | "phone">>, now: Date): void {
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) (contact as unknown as Record<string, string>)[k] = v;
    contact.udate = acDate(now);
  }

  createList(fields: Pick<AcList, "name" | "stringid" | "sender_url" | "sender_reminder">, now: Date): AcList {
    const list: AcList = { id: String(this.nextIds.list++), ...fields, cdate: acDate(now), userid: "1" };
    this.lists.set(list.id, list);
    return list;
  }

  /** Idempotent: the same contact and list always share one membership row. */
  setMembership(contact: string, list: string, status: number, sourceid: string, now: Date): AcContactList {
    for (const m of this.contactLists.values()) {
      if (m.contact === contact && m.list === list) {
        if (m.status !== status) {
          m.status = status;
          m.udate = acDate(now);
        }
        return m;
      }
    }
    const m: AcContactList = { id: String(this.nextIds.contactList++), contact, list, status, sdate: acDate(now), udate: null, sourceid };
    this.contactLists.set(m.id, m);
    return m;
  }
}

/** The API shape of a contact; links are absolute, built from the caller's origin. */
export function contactView(c: AcContact, origin: string) {
  const base = `${origin}/api/3/contacts/${c.id}`;
  return {
    ...c,
    orgid: "0",
    deleted: "0",
    hash: createHash("md5").update(c.email).digest("hex"),
    links: { contactLists: `${base}/contactLists`, fieldValues: `${base}/fieldValues` },
  };
}

export function contactListView(m: AcContactList, origin: string) {
  const base = `${origin}/api/3/contactLists/${m.id}`;
  return { ...m, links: { contact: `${base}/contact`, list: `${base}/list` } };
}

export function listView(l: AcList, origin: string) {
  return { ...l, links: { contactGoalLists: `${origin}/api/3/lists/${l.id}/contactGoalLists` } };
}
