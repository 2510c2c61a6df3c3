// Contacts: search, batch read / create / upsert, single create and get (§2.2–2.4).
import { z } from "zod";
import { json, jsonBody, type Reply, type RequestContext } from "../http";
import { batchError, hubspotError, invalidInput, validationError } from "./errors";
import { searchReply } from "./search";
import { contactPropertyList, toPublic, type CrmObject, type HubSpotStore } from "./store";

export interface ContactDeps {
  store: HubSpotStore;
  now(): Date;
  maybeMalform(object: CrmObject): CrmObject;
}

const MAX_BATCH = 100;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const propertyMap = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]).transform((v) => (v === null ? null : String(v))));

const batchReadBody = z.object({
  idProperty: z.string().optional(),
  properties: z.array(z.string()).optional(),
  propertiesWithHistory: z.array(z.string()).optional(),
  inputs: z.array(z.object({ id: z.string() })).max(MAX_BATCH),
});
const createInput = z.object({ properties: propertyMap, associations: z.array(z.unknown()).optional() });
const batchCreateBody = z.object({ inputs: z.array(createInput) });
const upsertBody = z.object({
  inputs: z.array(z.object({ idProperty: z.string().optional(), id: z.string(), properties: propertyMap, objectWriteTraceId: z.string().optional() })),
});

function batchEnvelope(results: unknown[], errors: unknown[], startedAt: string, successStatus: number): Reply {
  const body: Record<string, unknown> = { status: "COMPLETE", results, startedAt, completedAt: new Date().toISOString() };
  if (errors.length === 0) return json(successStatus, body);
  return json(207, { ...body, numErrors: errors.length, errors });
}

const emailProblem = (properties: Record<string, string | null>) =>
  properties.email && !EMAIL.test(properties.email.trim()) ? `Property values were not valid: email "${properties.email}" is INVALID_EMAIL` : null;

export function searchContacts(ctx: RequestContext, deps: ContactDeps): Reply {
  return searchReply(ctx, "contacts", deps.store.contacts.values(), (c, requested) => deps.maybeMalform(toPublic(c, contactPropertyList(requested))));
}

export function batchReadContacts(ctx: RequestContext, deps: ContactDeps): Reply {
  const startedAt = new Date().toISOString();
  const parsed = batchReadBody.safeParse(jsonBody(ctx));
  if (!parsed.success) return invalidInput(parsed.error);
  const { idProperty, inputs } = parsed.data;
  if (idProperty && idProperty !== "email" && idProperty !== "hs_object_id") return validationError(`Unsupported idProperty "${idProperty}" in the sandbox (use email or hs_object_id).`);
  const properties = contactPropertyList(parsed.data.properties);
  const results: CrmObject[] = [];
  const missing: string[] = [];
  for (const { id } of inputs) {
    const found = idProperty === "email" ? deps.store.contactByEmail(id) : deps.store.contacts.get(id);
    if (found && !results.some((r) => r.id === found.id)) results.push(deps.maybeMalform(toPublic(found, properties)));
    else if (!found) missing.push(id);
  }
  const errors = missing.length
    ? [batchError("OBJECT_NOT_FOUND", "Could not get some CONTACT objects, they may be deleted or not exist. Check that ids are valid.", { ids: missing })]
    : [];
  return batchEnvelope(results, errors, startedAt, 200);
}

export function batchCreateContacts(ctx: RequestContext, deps: ContactDeps): Reply {
  const startedAt = new Date().toISOString();
  const parsed = batchCreateBody.safeParse(jsonBody(ctx));
  if (!parsed.success) return invalidInput(parsed.error);
  const { inputs } = parsed.data;
  if (inputs.length > MAX_BATCH) return validationError(`Too many inputs: ${inputs.length} (maximum ${MAX_BATCH}).`);
  const results: CrmObject[] = [];
  const errors: unknown[] = [];
  for (const input of inputs) {
    const problem = emailProblem(input.properties);
    const existing = input.properties.email ? deps.store.contactByEmail(input.properties.email) : undefined;
    if (problem) errors.push(batchError("VALIDATION_ERROR", problem, { email: [String(input.properties.email)] }));
    else if (existing) errors.push(batchError("CONFLICT", `Contact already exists. Existing ID: ${existing.id}`, { existingId: [existing.id] }));
    else {
      const created = deps.store.createContact(input.properties, deps.now());
      results.push(toPublic(created, contactPropertyList(Object.keys(input.properties))));
    }
  }
  return batchEnvelope(results, errors, startedAt, 201);
}

/** Upsert by email: idempotent, so a retried batch updates instead of duplicating. */
export function batchUpsertContacts(ctx: RequestContext, deps: ContactDeps): Reply {
  const startedAt = new Date().toISOString();
  const parsed = upsertBody.safeParse(jsonBody(ctx));
  if (!parsed.success) return invalidInput(parsed.error);
  const { inputs } = parsed.data;
  if (inputs.length > MAX_BATCH) return validationError(`Too many inputs: ${inputs.length} (maximum ${MAX_BATCH}).`);
  const unsupported = inputs.find((i) => (i.idProperty ?? "email") !== "email");
  if (unsupported) return validationError(`Unsupported idProperty "${unsupported.idProperty}" in the sandbox (use email).`);
  const results: unknown[] = [];
  const errors: unknown[] = [];
  for (const input of inputs) {
    const properties = { ...input.properties, email: input.id };
    const problem = emailProblem(properties);
    if (problem) {
      errors.push(batchError("VALIDATION_ERROR", problem, { ids: [input.id] }));
      continue;
    }
    const existing = deps.store.contactByEmail(input.id);
    const contact = existing ?? deps.store.createContact(properties, deps.now());
    if (existing) deps.store.writeProperties(existing, properties, deps.now());
    results.push({ ...toPublic(contact, contactPropertyList(Object.keys(properties))), new: !existing });
  }
  return batchEnvelope(results, errors, startedAt, 200);
}

export function createContact(ctx: RequestContext, deps: ContactDeps): Reply {
  const parsed = createInput.safeParse(jsonBody(ctx));
  if (!parsed.success) return invalidInput(parsed.error);
  const problem = emailProblem(parsed.data.properties);
  if (problem) return validationError(problem);
  const email = parsed.data.properties.email;
  const existing = email ? deps.store.contactByEmail(email) : undefined;
  if (existing) return hubspotError(409, "CONFLICT", `Contact already exists. Existing ID: ${existing.id}`);
  const created = deps.store.createContact(parsed.data.properties, deps.now());
  return json(201, toPublic(created, contactPropertyList(Object.keys(parsed.data.properties))));
}

export function getContact(ctx: RequestContext, deps: ContactDeps): Reply {
  const id = ctx.params.id;
  const found = ctx.query.get("idProperty") === "email" ? deps.store.contactByEmail(id) : deps.store.contacts.get(id);
  if (!found) return hubspotError(404, "OBJECT_NOT_FOUND", `Object not found.  objectId are usually numeric.`);
  const requested = ctx.query.get("properties")?.split(",").filter(Boolean);
  return json(200, deps.maybeMalform(toPublic(found, contactPropertyList(requested))));
}
