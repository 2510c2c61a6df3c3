// HubSpot portal state: contacts, tasks and the associations between them, in memory.

export const HUB_ID = 62515;
export const CONTACT_TO_TASK = 203;
export const TASK_TO_CONTACT = 204;

export type ObjectType = "contacts" | "tasks";

export interface CrmObject {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
}

export interface Association {
  taskId: string;
  contactId: string;
}

export const DEFAULT_CONTACT_PROPERTIES = ["createdate", "email", "firstname", "hs_object_id", "lastmodifieddate", "lastname"];

export class HubSpotStore {
  contacts = new Map<string, CrmObject>();
  tasks = new Map<string, CrmObject>();
  /** Task↔contact pairs; the only association kind the sandbox models (type ids 203/204). */
  associations: Association[] = [];
  private nextContactId = 501;
  private nextTaskId = 9001;

  reset(): void {
    this.contacts.clear();
    this.tasks.clear();
    this.associations = [];
    this.nextContactId = 501;
    this.nextTaskId = 9001;
  }

  contactByEmail(email: string): CrmObject | undefined {
    const wanted = email.trim().toLowerCase();
    for (const c of this.contacts.values()) if (c.properties.email === wanted) return c;
    return undefined;
  }

  createContact(properties: Record<string, string | null>, now: Date): CrmObject {
    const id = String(this.nextContactId++);
    const iso = now.toISOString();
    const contact: CrmObject = { id, properties: {}, createdAt: iso, updatedAt: iso, archived: false };
    contact.properties = { createdate: iso, hs_object_id: id };
    this.writeProperties(contact, properties, now);
    this.contacts.set(id, contact);
    return contact;
  }

  /** HubSpot stores emails lowercased and stamps lastmodifieddate on every write. */
  writeProperties(object: CrmObject, properties: Record<string, string | null>, now: Date): void {
    for (const [k, v] of Object.entries(properties)) object.properties[k] = k === "email" && v ? v.trim().toLowerCase() : v;
    object.updatedAt = now.toISOString();
    object.properties.lastmodifieddate = object.updatedAt;
  }

  createTask(properties: Record<string, string | null>, now: Date): CrmObject {
    const id = String(this.nextTaskId++);
    const iso = now.toISOString();
    const task: CrmObject = {
      id,
      properties: { ...properties, hs_object_id: id, hs_createdate: iso, hs_lastmodifieddate: iso },
      createdAt: iso,
      updatedAt: iso,
      archived: false,
    };
    this.tasks.set(id, task);
    return task;
  }

  associate(taskId: string, contactId: string): void {
    if (!this.associations.some((a) => a.taskId === taskId && a.contactId === contactId)) this.associations.push({ taskId, contactId });
  }

  contactIdsOfTask(taskId: string): string[] {
    return this.associations.filter((a) => a.taskId === taskId).map((a) => a.contactId);
  }
}

/** SimplePublicObject with the chosen properties; missing ones come back as null, as HubSpot does. */
export function toPublic(object: CrmObject, properties: string[]): CrmObject {
  const chosen: Record<string, string | null> = {};
  for (const p of properties) chosen[p] = object.properties[p] ?? null;
  return { id: object.id, properties: chosen, createdAt: object.createdAt, updatedAt: object.updatedAt, archived: object.archived };
}

/** Requested properties plus the ones HubSpot always returns, or the default set. */
export function contactPropertyList(requested?: string[]): string[] {
  if (!requested?.length) return DEFAULT_CONTACT_PROPERTIES;
  return [...new Set([...requested, "hs_object_id", "createdate", "lastmodifieddate"])];
}
