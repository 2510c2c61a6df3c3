// CRM search semantics (§2.2): filter groups are ORed, filters inside a group are ANDed.
import { z } from "zod";
import { json, jsonBody, type Reply, type RequestContext } from "../http";
import { invalidInput, validationError } from "./errors";
import type { CrmObject, ObjectType } from "./store";

export const MAX_SEARCH_RESULTS = 10_000;

const filter = z.object({
  propertyName: z.string().min(1),
  operator: z.enum(["EQ", "NEQ", "LT", "LTE", "GT", "GTE", "BETWEEN", "IN", "NOT_IN", "HAS_PROPERTY", "NOT_HAS_PROPERTY", "CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN"]),
  value: z.union([z.string(), z.number(), z.boolean()]).optional(),
  values: z.array(z.union([z.string(), z.number()])).optional(),
  highValue: z.union([z.string(), z.number()]).optional(),
});
export type Filter = z.infer<typeof filter>;

export const searchRequest = z
  .object({
    filterGroups: z.array(z.object({ filters: z.array(filter).max(10) })).max(5).default([]),
    sorts: z.array(z.object({ propertyName: z.string(), direction: z.enum(["ASCENDING", "DESCENDING"]).default("ASCENDING") })).default([]),
    query: z.string().max(3000).optional(),
    properties: z.array(z.string()).optional(),
    limit: z.number().int().min(1).max(200).default(10),
    after: z.union([z.string(), z.number()]).optional(),
  })
  .refine((r) => r.filterGroups.reduce((n, g) => n + g.filters.length, 0) <= 25, "At most 25 filters in total are allowed.");
export type SearchRequest = z.infer<typeof searchRequest>;

/** Numbers and dates compare as numbers (dates may be epoch ms or ISO); everything else as text. */
function comparable(v: string): number | string {
  if (/^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  if (/^\d{4}-\d{2}-\d{2}/.test(v)) {
    const t = Date.parse(v);
    if (!Number.isNaN(t)) return t;
  }
  return v.toLowerCase();
}

function compare(a: string, b: string): number {
  const x = comparable(a);
  const y = comparable(b);
  if (typeof x === "number" && typeof y === "number") return x - y;
  return String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0;
}

function tokenMatches(actual: string, pattern: string): boolean {
  const re = new RegExp(`^${pattern.toLowerCase().replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);
  const value = actual.toLowerCase();
  return re.test(value) || value.split(/[\s,;.@_-]+/).some((token) => re.test(token));
}

function matches(object: CrmObject, f: Filter): boolean {
  const actual = object.properties[f.propertyName];
  const has = actual !== null && actual !== undefined && actual !== "";
  const value = f.value === undefined ? "" : String(f.value);
  switch (f.operator) {
    case "HAS_PROPERTY":
      return has;
    case "NOT_HAS_PROPERTY":
      return !has;
    case "NEQ":
      return !has || compare(actual, value) !== 0;
    case "NOT_IN":
      return !has || !(f.values ?? []).some((v) => compare(actual, String(v)) === 0);
    case "NOT_CONTAINS_TOKEN":
      return !has || !tokenMatches(actual, value);
  }
  if (!has) return false;
  switch (f.operator) {
    case "EQ":
      return compare(actual, value) === 0;
    case "IN":
      return (f.values ?? []).some((v) => compare(actual, String(v)) === 0);
    case "LT":
      return compare(actual, value) < 0;
    case "LTE":
      return compare(actual, value) <= 0;
    case "GT":
      return compare(actual, value) > 0;
    case "GTE":
      return compare(actual, value) >= 0;
    case "BETWEEN":
      return compare(actual, value) >= 0 && compare(actual, String(f.highValue ?? "")) <= 0;
    case "CONTAINS_TOKEN":
      return tokenMatches(actual, value);
  }
}

const QUERY_PROPERTIES = ["email", "firstname", "lastname", "phone", "company"];

/** All matching objects in result order (the caller pages). */
export function search(objects: Iterable<CrmObject>, req: SearchRequest): CrmObject[] {
  const text = req.query?.trim().toLowerCase();
  const found = [...objects].filter(
    (o) =>
      !o.archived &&
      (req.filterGroups.length === 0 || req.filterGroups.some((g) => g.filters.every((f) => matches(o, f)))) &&
      (!text || QUERY_PROPERTIES.some((p) => o.properties[p]?.toLowerCase().includes(text))),
  );
  const sorts = req.sorts.length ? req.sorts : [{ propertyName: "hs_object_id", direction: "ASCENDING" as const }];
  return found.sort((a, b) => {
    for (const s of sorts) {
      const av = a.properties[s.propertyName] ?? "";
      const bv = b.properties[s.propertyName] ?? "";
      const c = compare(av, bv);
      if (c !== 0) return s.direction === "DESCENDING" ? -c : c;
    }
    return Number(a.id) - Number(b.id);
  });
}

/**
 * A search endpoint's answer (POST /crm/v3/objects/{type}/search): one page of matches with `total`
 * and, while more remain, `paging.next.after` (an offset, as HubSpot's is, capped at 10,000 results).
 */
export function searchReply(
  ctx: RequestContext,
  type: ObjectType,
  objects: Iterable<CrmObject>,
  present: (object: CrmObject, requestedProperties: string[] | undefined) => CrmObject,
): Reply {
  const parsed = searchRequest.safeParse(jsonBody(ctx) ?? {});
  if (!parsed.success) return invalidInput(parsed.error);
  const req = parsed.data;
  const offset = req.after === undefined ? 0 : Number(req.after);
  if (!Number.isInteger(offset) || offset < 0) return validationError(`Invalid 'after' value: ${req.after}`);
  if (offset + req.limit > MAX_SEARCH_RESULTS) return validationError(`Cannot page past ${MAX_SEARCH_RESULTS} results.`);
  const all = search(objects, req);
  const page = all.slice(offset, offset + req.limit);
  const body: Record<string, unknown> = { total: all.length, results: page.map((o) => present(o, req.properties)) };
  const next = offset + page.length;
  if (next < all.length) body.paging = { next: { after: String(next), link: `${ctx.origin}/crm/v3/objects/${type}/search?after=${next}` } };
  return json(200, body);
}
