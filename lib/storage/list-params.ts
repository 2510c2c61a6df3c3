import type { ListObjectsOptions } from "./objects";

/** The records table's URL state: what the page, its links and the CSV download share. */
export type ObjectListParams = {
  q?: string;
  field?: string;
  value?: string;
  prefix?: string;
  sort?: string;
  dir?: string;
  cursor?: string;
};

type Raw = Record<string, string | string[] | undefined> | URLSearchParams;

function pick(raw: Raw, name: string): string | undefined {
  const value = raw instanceof URLSearchParams ? raw.get(name) ?? undefined : raw[name];
  const one = Array.isArray(value) ? value[0] : value;
  const trimmed = one?.trim();
  return trimmed ? trimmed.slice(0, 500) : undefined;
}

export function readObjectListParams(raw: Raw): ObjectListParams {
  return {
    q: pick(raw, "q"),
    field: pick(raw, "field"),
    value: pick(raw, "value"),
    prefix: pick(raw, "prefix"),
    sort: pick(raw, "sort"),
    dir: pick(raw, "dir") === "asc" ? "asc" : pick(raw, "dir") === "desc" ? "desc" : undefined,
    cursor: pick(raw, "cursor"),
  };
}

/** List options from URL state (the store still validates field names). */
export function toListOptions(params: ObjectListParams, limit = 50): ListObjectsOptions {
  return {
    search: params.q,
    filters: params.field && params.value ? [{ field: params.field, value: params.value }] : undefined,
    keyPrefix: params.prefix,
    sort: params.sort ? { by: params.sort, dir: params.dir as "asc" | "desc" | undefined } : undefined,
    cursor: params.cursor,
    limit,
  };
}

/** A query string for the same view, with `changes` applied (undefined removes a parameter). */
export function objectListQuery(params: ObjectListParams, changes: Partial<ObjectListParams> = {}): string {
  const merged = { ...params, ...changes };
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(merged)) if (value) search.set(name, value);
  const text = search.toString();
  return text ? `?${text}` : "";
}
