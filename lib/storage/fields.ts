import { StorageValidationError } from "./errors";

export const MAX_FIELDS = 50;
export const MAX_FIELD_LENGTH = 64;
export const MAX_KEY_LENGTH = 128;
export const MAX_VALUE_LENGTH = 10_000;

const controlChars = /[\u0000-\u001f\u007f]/;

export type FieldListResult = { ok: true; fields: string[] } | { ok: false; errors: string[] };

/**
 * The setup form's comma-separated field list: trimmed, empty entries dropped, de-duplicated
 * case-insensitively (the first spelling wins), 1..50 fields of at most 64 characters.
 * Every problem is reported, each naming the field it is about.
 */
export function parseFieldList(input: string | readonly string[]): FieldListResult {
  const raw = typeof input === "string" ? input.split(",") : [...input];
  const fields: string[] = [];
  const seen = new Set<string>();
  const errors: string[] = [];
  raw.forEach((entry, index) => {
    const name = entry.trim();
    if (!name) return;
    const position = `Field ${index + 1}`;
    if (name.length > MAX_FIELD_LENGTH) {
      errors.push(`${position} ("${name.slice(0, 20)}…") is ${name.length} characters; the limit is ${MAX_FIELD_LENGTH}`);
      return;
    }
    if (controlChars.test(name)) {
      errors.push(`${position} ("${name.replace(controlChars, "?")}") contains a control character`);
      return;
    }
    const folded = name.toLowerCase();
    if (seen.has(folded)) return;
    seen.add(folded);
    fields.push(name);
  });
  if (fields.length === 0 && errors.length === 0) errors.push("Give at least one field name, separated by commas");
  if (fields.length > MAX_FIELDS) errors.push(`${fields.length} fields given; the limit is ${MAX_FIELDS}`);
  return errors.length ? { ok: false, errors } : { ok: true, fields };
}

/** parseFieldList that throws a StorageValidationError on the `fields` input. */
export function requireFieldList(input: string | readonly string[]): string[] {
  const result = parseFieldList(input);
  if (!result.ok) throw new StorageValidationError({ fields: result.errors });
  return result.fields;
}

export type ObjectValue = string | number | boolean | null;
export type ObjectData = Record<string, ObjectValue>;

/** Finds the store's spelling of a field name (case-insensitive), or undefined. */
export function resolveField(fields: readonly string[], name: string): string | undefined {
  if (fields.includes(name)) return name;
  const folded = name.trim().toLowerCase();
  return fields.find((f) => f.toLowerCase() === folded);
}

export function validateKey(key: unknown): string[] {
  if (typeof key !== "string") return ["A key is text"];
  if (key.length === 0) return ["A key cannot be empty"];
  if (key.length > MAX_KEY_LENGTH) return [`A key is at most ${MAX_KEY_LENGTH} characters (this one has ${key.length})`];
  if (controlChars.test(key)) return ["A key cannot contain control characters"];
  return [];
}

/**
 * Checks a record against the store's fields and returns it with the store's spelling of each
 * field name. Unknown fields and bad values are refused, all of them reported at once, so a
 * record is saved whole or not at all.
 */
export function validateObjectData(fields: readonly string[], data: unknown): { ok: true; data: ObjectData } | { ok: false; errors: Record<string, string[]> } {
  const errors: Record<string, string[]> = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    return { ok: false, errors: { data: ["A record is an object of field names to values"] } };
  }
  const clean: ObjectData = {};
  for (const [name, value] of Object.entries(data as Record<string, unknown>)) {
    const field = resolveField(fields, name);
    if (!field) {
      add(name, `Unknown field "${name}"; this store has: ${fields.join(", ")}`);
      continue;
    }
    if (field in clean) {
      add(field, `Field "${field}" is given twice`);
      continue;
    }
    if (value === undefined) continue;
    if (value !== null && !["string", "number", "boolean"].includes(typeof value)) {
      add(field, `"${field}" must be text, a number, true/false or empty`);
      continue;
    }
    if (typeof value === "number" && !Number.isFinite(value)) {
      add(field, `"${field}" must be a finite number`);
      continue;
    }
    if (typeof value === "string" && value.length > MAX_VALUE_LENGTH) {
      add(field, `"${field}" is at most ${MAX_VALUE_LENGTH} characters`);
      continue;
    }
    clean[field] = value as ObjectValue;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, data: clean };
}
