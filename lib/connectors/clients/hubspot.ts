import { z } from "zod";
import { VendorError } from "../errors";
import type { ConnectionRuntime } from "../runtime";

const BATCH = 100;

export const hubspotObjectSchema = z.looseObject({
  id: z.string(),
  properties: z.record(z.string(), z.string().nullable()),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
  archived: z.boolean().optional(),
});
export type HubSpotObject = z.infer<typeof hubspotObjectSchema>;

export type HubSpotFilter = {
  propertyName: string;
  operator:
    | "EQ"
    | "NEQ"
    | "LT"
    | "LTE"
    | "GT"
    | "GTE"
    | "BETWEEN"
    | "IN"
    | "NOT_IN"
    | "HAS_PROPERTY"
    | "NOT_HAS_PROPERTY"
    | "CONTAINS_TOKEN"
    | "NOT_CONTAINS_TOKEN";
  value?: string;
  values?: string[];
  highValue?: string;
};
export type HubSpotSearchRequest = {
  filterGroups?: { filters: HubSpotFilter[] }[];
  sorts?: { propertyName: string; direction: "ASCENDING" | "DESCENDING" }[];
  query?: string;
  properties?: string[];
  limit?: number;
  after?: string;
};

const batchErrorSchema = z.looseObject({
  status: z.string().optional(),
  category: z.string().optional(),
  message: z.string().optional(),
  context: z.record(z.string(), z.unknown()).optional(),
});
const batchEnvelope = {
  status: z.string(),
  numErrors: z.number().optional(),
  errors: z.array(batchErrorSchema).optional(),
};
const batchReadSchema = z.looseObject({ ...batchEnvelope, results: z.array(hubspotObjectSchema) });
const batchUpsertSchema = z.looseObject({
  ...batchEnvelope,
  results: z.array(hubspotObjectSchema.extend({ new: z.boolean() })),
});
const searchSchema = z.looseObject({
  total: z.number(),
  results: z.array(hubspotObjectSchema),
  paging: z.looseObject({ next: z.looseObject({ after: z.string() }).optional() }).optional(),
});
const createdSchema = z.looseObject({ id: z.string() });
const associationSchema = z.looseObject({ status: z.string().optional(), results: z.array(z.unknown()).optional() });

export interface HubSpotClient {
  batchReadContactsByEmail(emails: string[]): Promise<Map<string, { id: string; properties: Record<string, string | null> }>>;
  batchUpsertContactsByEmail(
    inputs: { email: string; properties: Record<string, string> }[],
  ): Promise<{ id: string; email: string; created: boolean }[]>;
  searchContacts(request: HubSpotSearchRequest): Promise<{ total: number; results: HubSpotObject[]; nextAfter?: string }>;
  createTask(input: {
    subject: string;
    body: string;
    dueAt: Date;
    priority: "LOW" | "MEDIUM" | "HIGH";
    contactId: string;
    ownerId?: string;
  }): Promise<{ id: string }>;
  searchTasks(request: HubSpotSearchRequest): Promise<{ total: number; results: HubSpotObject[] }>;
  associateDefault(fromType: string, fromId: string, toType: string, toId: string): Promise<void>;
  test(): Promise<{ account: string; scopes: string[] }>;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const contactProperties = ["email", "firstname", "lastname", "phone"];

export function createHubSpotClient(rt: ConnectionRuntime, info: { scopes: string[] } = { scopes: [] }): HubSpotClient {
  const url = (path: string) => `${rt.baseUrl}${path}`;
  const seg = encodeURIComponent;

  const search = (objectType: "contacts" | "tasks", operation: string, request: HubSpotSearchRequest) =>
    rt.http.request({
      operation,
      method: "POST",
      url: url(`/crm/v3/objects/${objectType}/search`),
      json: request,
      schema: searchSchema,
      bucket: "search",
    });

  return {
    batchReadContactsByEmail: (emails) =>
      rt.call(async () => {
        const found = new Map<string, { id: string; properties: Record<string, string | null> }>();
        const wanted = [...new Set(emails.map((e) => e.trim()).filter(Boolean))];
        for (const chunk of chunks(wanted, BATCH)) {
          const body = await rt.http.request({
            operation: "batchReadContactsByEmail",
            method: "POST",
            url: url("/crm/v3/objects/contacts/batch/read"),
            query: { archived: "false" },
            json: { idProperty: "email", properties: contactProperties, propertiesWithHistory: [], inputs: chunk.map((id) => ({ id })) },
            schema: batchReadSchema,
            acceptStatuses: [207], // missing emails come back as OBJECT_NOT_FOUND errors: simply absent
          });
          const byLower = new Map(chunk.map((email) => [email.toLowerCase(), email]));
          for (const result of body.results) {
            const email = result.properties.email?.toLowerCase();
            const key = email ? byLower.get(email) : undefined;
            if (key) found.set(key, { id: result.id, properties: result.properties });
          }
        }
        return found;
      }),

    batchUpsertContactsByEmail: (inputs) =>
      rt.call(async () => {
        const out: { id: string; email: string; created: boolean }[] = [];
        for (const chunk of chunks(inputs, BATCH)) {
          const body = await rt.http.request({
            operation: "batchUpsertContactsByEmail",
            method: "POST",
            url: url("/crm/v3/objects/contacts/batch/upsert"),
            json: {
              inputs: chunk.map((input) => ({ idProperty: "email", id: input.email, properties: { ...input.properties, email: input.email } })),
            },
            schema: batchUpsertSchema,
            acceptStatuses: [207],
          });
          if (body.errors?.length) {
            const first = body.errors[0];
            throw new VendorError({
              vendor: "hubspot",
              operation: "batchUpsertContactsByEmail",
              status: 207,
              code: first.category,
              message: `${body.errors.length} of ${chunk.length} contacts failed: ${first.message ?? first.category ?? "unknown error"}`,
            });
          }
          const byLower = new Map(chunk.map((input) => [input.email.toLowerCase(), input.email]));
          body.results.forEach((result, index) => {
            const email = byLower.get(result.properties.email?.toLowerCase() ?? "") ?? chunk[index]?.email ?? "";
            out.push({ id: result.id, email, created: result.new });
          });
        }
        return out;
      }),

    searchContacts: (request) =>
      rt.call(async () => {
        const body = await search("contacts", "searchContacts", request);
        return { total: body.total, results: body.results, nextAfter: body.paging?.next?.after };
      }),

    createTask: (input) =>
      rt.call(async () => {
        const properties: Record<string, string> = {
          hs_timestamp: input.dueAt.toISOString(),
          hs_task_subject: input.subject,
          hs_task_body: input.body,
          hs_task_status: "NOT_STARTED",
          hs_task_priority: input.priority,
          hs_task_type: "TODO",
        };
        if (input.ownerId) properties.hubspot_owner_id = input.ownerId;
        const body = await rt.http.request({
          operation: "createTask",
          method: "POST",
          url: url("/crm/v3/objects/tasks"),
          json: {
            properties,
            associations: [
              { to: { id: input.contactId }, types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: 204 }] },
            ],
          },
          schema: createdSchema,
        });
        return { id: body.id };
      }),

    searchTasks: (request) =>
      rt.call(async () => {
        const body = await search("tasks", "searchTasks", request);
        return { total: body.total, results: body.results };
      }),

    associateDefault: (fromType, fromId, toType, toId) =>
      rt.call(async () => {
        await rt.http.request({
          operation: "associateDefault",
          method: "PUT",
          url: url(`/crm/v4/objects/${seg(fromType)}/${seg(fromId)}/associations/default/${seg(toType)}/${seg(toId)}`),
          schema: associationSchema,
        });
      }),

    test: () =>
      rt.call(async () => {
        await search("contacts", "test", { limit: 1, properties: ["email"] });
        return { account: rt.accountId ?? new URL(rt.baseUrl).host, scopes: info.scopes };
      }),
  };
}
