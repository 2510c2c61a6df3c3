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

// Five-field cron (minute hour day month weekday); the time zone comes from `timeZone`.
const cron = z
  .string()
  .trim()
  .regex(/^(\S+\s+){4}\S+$/, "A cron schedule has five fields: minute hour day month weekday");

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

export type WorkflowSettings = z.infer<typeof workflowSettingsSchema>;
export type WorkflowSettingsInput = z.input<typeof workflowSettingsSchema>;

export const defaultWorkflowSettings = (): WorkflowSettings => workflowSettingsSchema.parse({});
