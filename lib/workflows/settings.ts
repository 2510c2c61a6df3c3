import { CronExpressionParser } from "cron-parser";
import { z } from "zod";

const timeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: "Unknown IANA time zone" },
);

// Five-field cron (minute hour day month weekday); the time zone comes from `timeZone`. Each
// field's range is checked too, so "61 * * * *" is refused rather than silently never firing.
const fiveFields = /^(\S+\s+){4}\S+$/;
const cron = z
  .string()
  .trim()
  .regex(fiveFields, "A cron schedule has five fields: minute hour day month weekday")
  .superRefine((value, ctx) => {
    if (!fiveFields.test(value)) return;
    try {
      CronExpressionParser.parse(value, { tz: "UTC" });
    } catch (error) {
      ctx.addIssue({ code: "custom", message: `Not a valid cron schedule: ${error instanceof Error ? error.message : String(error)}` });
    }
  });

const listName = z.string().trim().min(1, "A list name is required").max(120);

/** Per-team workflow settings; every default is the tutorial's value. */
export const workflowSettingsSchema = z.object({
  timeZone: timeZone.default("Europe/London"),
  storeLocation: z.string().trim().min(1, "Name the store location to keep").max(120).default("London"),
  retentionDays: z.coerce.number().int().min(1).max(365).default(14),
  premiumThreshold: z.coerce.number().min(0).max(1_000_000_000).default(1000),
  volumeMinOrders: z.coerce.number().int().min(1).max(1000).default(2),
  sevenDayOffset: z.coerce.number().int().min(1).max(365).default(7),
  promoteOptedOut: z.boolean().default(false),
  /** Records per workflow step (one `step.run` per page); NetSuite and SuiteQL allow at most 1,000. */
  pageSize: z.coerce.number().int().min(1).max(1000).default(1000),
  lists: z
    .object({
      volume: listName.default("Volume Promotion"),
      today: listName.default("Today Promotion"),
      sevenDay: listName.default("Seven Day Promotion"),
    })
    .prefault({}),
  task: z
    .object({
      subject: z.string().trim().min(1).max(200).default("Follow up with premium customer {name}"),
      body: z
        .string()
        .max(2000)
        .default("{name} ({email}) has spent {total} over the last {days} days across {orders} orders."),
      dueInDays: z.coerce.number().int().min(0).max(90).default(1),
      priority: z.enum(["LOW", "MEDIUM", "HIGH"]).default("HIGH"),
    })
    .prefault({}),
  schedules: z
    .object({
      extract: z.object({ enabled: z.boolean().default(true), cron: cron.default("0 6 * * *") }).prefault({}),
      promote: z.object({ enabled: z.boolean().default(true), cron: cron.default("0 9 * * *") }).prefault({}),
      expire: z.object({ enabled: z.boolean().default(true), cron: cron.default("0 2 * * *") }).prefault({}),
    })
    .prefault({}),
});

/** Canonical settings with every default filled in. */
export type WorkflowSettings = z.infer<typeof workflowSettingsSchema>;
export type WorkflowSettingsInput = z.input<typeof workflowSettingsSchema>;

export const defaultWorkflowSettings = (): WorkflowSettings => workflowSettingsSchema.parse({});

export type SettingsFieldError = { path: string; message: string };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Objects merge key by key; anything else (arrays, scalars, null) replaces. */
export function deepMerge(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch === undefined ? base : patch;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) out[key] = deepMerge(base[key], value);
  return out;
}

/** Validates settings, answering field by field ("lists.volume: A list name is required"). */
export function parseWorkflowSettings(
  input: unknown,
): { success: true; settings: WorkflowSettings } | { success: false; errors: SettingsFieldError[] } {
  const parsed = workflowSettingsSchema.safeParse(input);
  if (parsed.success) return { success: true, settings: parsed.data };
  return {
    success: false,
    errors: parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join(".") || "(root)", message: issue.message })),
  };
}
