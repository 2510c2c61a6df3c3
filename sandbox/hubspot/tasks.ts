// Tasks with inline associations (§2.5) and the v4 default association endpoint (§2.6).
import { z } from "zod";
import { json, jsonBody, type Reply, type RequestContext } from "../http";
import { hubspotError, validationError } from "./errors";
import { searchReply } from "./search";
import { CONTACT_TO_TASK, TASK_TO_CONTACT, toPublic, type HubSpotStore, type ObjectType } from "./store";

export interface TaskDeps {
  store: HubSpotStore;
  now(): Date;
}

const ENUMS: Record<string, string[]> = {
  hs_task_status: ["NOT_STARTED", "COMPLETED"],
  hs_task_priority: ["LOW", "MEDIUM", "HIGH"],
  hs_task_type: ["EMAIL", "CALL", "TODO"],
};

const taskBody = z.object({
  properties: z.record(z.string(), z.union([z.string(), z.number(), z.null()]).transform((v) => (v === null ? null : String(v)))),
  associations: z
    .array(
      z.object({
        to: z.object({ id: z.union([z.string(), z.number()]).transform(String) }),
        types: z.array(z.object({ associationCategory: z.string(), associationTypeId: z.number().int() })).min(1),
      }),
    )
    .default([]),
});

/** hs_timestamp may be epoch milliseconds or ISO 8601; HubSpot echoes it back as ISO. */
function parseTimestamp(v: string): string | null {
  const ms = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

export function createTask(ctx: RequestContext, deps: TaskDeps): Reply {
  const parsed = taskBody.safeParse(jsonBody(ctx));
  if (!parsed.success) return validationError(`Invalid input JSON: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const properties = { ...parsed.data.properties };
  const problems: { message: string; code: string; context: Record<string, string[]> }[] = [];
  const timestamp = properties.hs_timestamp ? parseTimestamp(properties.hs_timestamp) : null;
  if (!properties.hs_timestamp) problems.push({ message: "hs_timestamp is required", code: "REQUIRED_FIELD", context: { propertyName: ["hs_timestamp"] } });
  else if (!timestamp) problems.push({ message: `${properties.hs_timestamp} is not a valid timestamp`, code: "INVALID_DATE", context: { propertyName: ["hs_timestamp"] } });
  for (const [name, allowed] of Object.entries(ENUMS)) {
    const v = properties[name];
    if (v !== undefined && v !== null && !allowed.includes(v)) {
      problems.push({ message: `${v} was not one of the allowed options: [${allowed.join(", ")}]`, code: "INVALID_OPTION", context: { propertyName: [name] } });
    }
  }
  if (problems.length) return validationError(`Property values were not valid: ${JSON.stringify(problems.map((p) => p.message))}`, { errors: problems });

  for (const a of parsed.data.associations) {
    if (a.types.some((t) => t.associationCategory !== "HUBSPOT_DEFINED" || t.associationTypeId !== TASK_TO_CONTACT)) {
      return validationError(`Invalid association type for a task in the sandbox: only HUBSPOT_DEFINED ${TASK_TO_CONTACT} (task to contact) is supported.`);
    }
    if (!deps.store.contacts.has(a.to.id)) {
      return validationError(`One or more associations are invalid: contact ${a.to.id} does not exist.`, { subCategory: "crm.associations.INVALID_OBJECT_IDS" });
    }
  }
  if (timestamp) properties.hs_timestamp = timestamp;
  const task = deps.store.createTask(properties, deps.now());
  for (const a of parsed.data.associations) deps.store.associate(task.id, a.to.id);
  return json(201, task);
}

/** Tasks answer with their default properties plus the requested ones, as HubSpot's search does. */
const TASK_DEFAULT_PROPERTIES = ["hs_createdate", "hs_lastmodifieddate", "hs_object_id"];

export function searchTasks(ctx: RequestContext, deps: TaskDeps): Reply {
  return searchReply(ctx, "tasks", deps.store.tasks.values(), (task, requested) =>
    toPublic(task, [...new Set([...TASK_DEFAULT_PROPERTIES, ...(requested ?? [])])]),
  );
}

export function getTask(ctx: RequestContext, deps: TaskDeps): Reply {
  const task = deps.store.tasks.get(ctx.params.id);
  if (!task) return hubspotError(404, "OBJECT_NOT_FOUND", "Object not found.  objectId are usually numeric.");
  const wantsContacts = (ctx.query.get("associations") ?? "").split(",").some((t) => normalizeType(t) === "contacts");
  if (!wantsContacts) return json(200, task);
  const results = deps.store.contactIdsOfTask(task.id).map((id) => ({ id, type: "task_to_contact" }));
  return json(200, { ...task, associations: { contacts: { results } } });
}

function normalizeType(t: string): ObjectType | null {
  const v = t.toLowerCase();
  if (v === "contact" || v === "contacts" || v === "0-1") return "contacts";
  if (v === "task" || v === "tasks" || v === "0-27") return "tasks";
  return null;
}

export function associateDefault(ctx: RequestContext, deps: TaskDeps): Reply {
  const from = normalizeType(ctx.params.fromType);
  const to = normalizeType(ctx.params.toType);
  if (!from || !to || from === to) {
    return validationError(`The sandbox only models task-contact associations, not ${ctx.params.fromType} to ${ctx.params.toType}.`);
  }
  const [taskId, contactId] = from === "tasks" ? [ctx.params.fromId, ctx.params.toId] : [ctx.params.toId, ctx.params.fromId];
  if (!deps.store.tasks.has(taskId)) return hubspotError(404, "OBJECT_NOT_FOUND", `No task with id ${taskId}.`);
  if (!deps.store.contacts.has(contactId)) return hubspotError(404, "OBJECT_NOT_FOUND", `No contact with id ${contactId}.`);
  const startedAt = new Date().toISOString();
  deps.store.associate(taskId, contactId);
  return json(200, {
    status: "COMPLETE",
    results: [
      {
        from: { id: ctx.params.fromId },
        to: { id: ctx.params.toId },
        associationSpec: { associationCategory: "HUBSPOT_DEFINED", associationTypeId: from === "tasks" ? TASK_TO_CONTACT : CONTACT_TO_TASK },
      },
    ],
    startedAt,
    completedAt: new Date().toISOString(),
  });
}
