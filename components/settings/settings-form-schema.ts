import { z } from "zod";
import { workflowNames } from "@/db/schema";
import { workflowSettingsSchema, type WorkflowSettings } from "@/lib/workflows/settings";

/**
 * The settings form posts flat fields named by dotted path ("schedules.extract.cron"). This turns
 * them into the nested object lib/workflows/settings.ts validates, and validates it with that
 * schema, reporting every field's error under the same dotted path.
 */

/** Checkboxes: a form omits an unchecked box, so absence means false (not the schema default). */
export const booleanFields = ["promoteOptedOut", ...workflowNames.map((w) => `schedules.${w}.enabled`)] as const;

export const numberFields = ["retentionDays", "premiumThreshold", "volumeMinOrders", "sevenDayOffset", "pageSize", "task.dueInDays"] as const;

function setPath(target: Record<string, unknown>, path: string, value: unknown) {
  const parts = path.split(".");
  let node = target;
  for (const part of parts.slice(0, -1)) {
    if (typeof node[part] !== "object" || node[part] === null) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts.at(-1)!] = value;
}

const knownPaths = new Set<string>();
(function collect(value: unknown, prefix: string) {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) collect(child, prefix ? `${prefix}.${key}` : key);
  } else knownPaths.add(prefix);
})(workflowSettingsSchema.parse({}), "");

/** Flat form fields → the nested settings object (unknown names are ignored). */
export function formToSettingsInput(form: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(form)) {
    if (!knownPaths.has(name) || (booleanFields as readonly string[]).includes(name)) continue;
    const value = Array.isArray(raw) ? raw.at(-1) : raw;
    // A blank number is "no number", not zero.
    const isBlankNumber = (numberFields as readonly string[]).includes(name) && typeof value === "string" && value.trim() === "";
    setPath(out, name, isBlankNumber ? Number.NaN : value);
  }
  for (const name of booleanFields) {
    const value = form[name];
    setPath(out, name, value === "on" || value === "true" || value === true);
  }
  return out;
}

/** Settings → flat string values, as the form shows them. */
export function settingsToFormValues(settings: WorkflowSettings): Record<string, string> {
  const out: Record<string, string> = {};
  (function walk(value: unknown, prefix: string) {
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      for (const [key, child] of Object.entries(value)) walk(child, prefix ? `${prefix}.${key}` : key);
    } else if (typeof value === "boolean") {
      if (value) out[prefix] = "on";
    } else out[prefix] = String(value ?? "");
  })(settings, "");
  return out;
}

/** Friendlier words for zod's generic messages; a schema's own messages ("Unknown IANA time zone") win. */
const messages: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === "invalid_type" && issue.expected === "number") return "Enter a number";
  if (issue.code === "too_small" && issue.origin === "number") return `Enter a number of at least ${issue.minimum}`;
  if (issue.code === "too_big" && issue.origin === "number") return `Enter a number of at most ${issue.maximum}`;
  if (issue.code === "too_small" && issue.origin === "string") return "This field is required";
  if (issue.code === "too_big" && issue.origin === "string") return `Use at most ${issue.maximum} characters`;
  if (issue.code === "invalid_type" && issue.expected === "int") return "Enter a whole number";
  return undefined;
};

export type SettingsFormResult = { success: true; settings: WorkflowSettings } | { success: false; fieldErrors: Record<string, string[]> };

/** Every field error at once (not only the first), keyed by dotted path. */
export function parseSettingsForm(form: Record<string, unknown>): SettingsFormResult {
  const fieldErrors: Record<string, string[]> = {};
  const add = (path: string, message: string) => (fieldErrors[path] ??= []).push(message);
  const input = formToSettingsInput(form);
  const parsed = workflowSettingsSchema.safeParse(input, { error: messages });
  if (!parsed.success) for (const issue of parsed.error.issues) add(issue.path.map(String).join(".") || "_form", issue.message);

  if (Object.keys(fieldErrors).length || !parsed.success) return { success: false, fieldErrors };
  return { success: true, settings: parsed.data };
}

/**
 * The same check as a zod schema for `teamAction`: issues carry their dotted path, so
 * `fieldErrorsOf` keys them exactly as the form names its fields. A valid form becomes the patch
 * of the fields it shows (not defaults for the rest), so a setting the form does not show yet
 * keeps its saved value when the patch is merged by `updateTeamSettings`.
 */
export const settingsFormSchema = z.record(z.string(), z.unknown()).transform((form, ctx) => {
  const result = parseSettingsForm(form);
  if (result.success) return formToSettingsInput(form);
  for (const [path, list] of Object.entries(result.fieldErrors)) {
    for (const message of list) ctx.addIssue({ code: "custom", path: path.split("."), message });
  }
  return z.NEVER;
});

/** Dotted paths whose value differs between two settings objects (for the activity log: keys, never values). */
export function changedSettingKeys(before: WorkflowSettings, after: WorkflowSettings): string[] {
  const a = settingsToFormValues(before);
  const b = settingsToFormValues(after);
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((key) => a[key] !== b[key]).sort();
}
