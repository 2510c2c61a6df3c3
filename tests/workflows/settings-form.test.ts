import { describe, expect, it } from "vitest";
import {
  changedSettingKeys,
  formToSettingsInput,
  parseSettingsForm,
  settingsFormSchema,
  settingsToFormValues,
} from "@/components/settings/settings-form-schema";
import { defaultWorkflowSettings } from "@/lib/workflows/settings";

const defaults = () => settingsToFormValues(defaultWorkflowSettings());

describe("settings form", () => {
  it("round-trips the defaults: every field of the schema is a form field", () => {
    const values = defaults();
    expect(Object.keys(values).sort()).toEqual(
      [
        "timeZone",
        "storeLocation",
        "retentionDays",
        "premiumThreshold",
        "volumeMinOrders",
        "sevenDayOffset",
        "pageSize",
        "lists.volume",
        "lists.today",
        "lists.sevenDay",
        "task.subject",
        "task.body",
        "task.dueInDays",
        "task.priority",
        "schedules.extract.enabled",
        "schedules.extract.cron",
        "schedules.promote.enabled",
        "schedules.promote.cron",
        "schedules.expire.enabled",
        "schedules.expire.cron",
      ].sort(),
    );
    const parsed = parseSettingsForm(values);
    expect(parsed).toEqual({ success: true, settings: defaultWorkflowSettings() });
  });

  it("reads checkboxes: absent means off, not the schema's default", () => {
    const values = defaults();
    delete values["schedules.promote.enabled"];
    const parsed = parseSettingsForm({ ...values, promoteOptedOut: "on" });
    expect(parsed.success && parsed.settings.schedules.promote.enabled).toBe(false);
    expect(parsed.success && parsed.settings.schedules.extract.enabled).toBe(true);
    expect(parsed.success && parsed.settings.promoteOptedOut).toBe(true);
  });

  it("reports every field error at once, keyed by dotted path", () => {
    const parsed = parseSettingsForm({
      ...defaults(),
      timeZone: "Mars/Olympus",
      storeLocation: " ",
      retentionDays: "0",
      premiumThreshold: "",
      volumeMinOrders: "1.5",
      "lists.today": "",
      "task.subject": "",
      "task.dueInDays": "91",
      "task.priority": "URGENT",
      "schedules.extract.cron": "every morning",
      "schedules.expire.cron": "61 * * * *",
    });
    expect(parsed.success).toBe(false);
    const errors = parsed.success ? {} : parsed.fieldErrors;
    expect(Object.keys(errors).sort()).toEqual(
      [
        "timeZone",
        "storeLocation",
        "retentionDays",
        "premiumThreshold",
        "volumeMinOrders",
        "lists.today",
        "task.subject",
        "task.dueInDays",
        "task.priority",
        "schedules.extract.cron",
        "schedules.expire.cron",
      ].sort(),
    );
    expect(errors.timeZone).toEqual(["Unknown IANA time zone"]);
    expect(errors.retentionDays).toEqual(["Enter a number of at least 1"]);
    expect(errors.premiumThreshold).toEqual(["Enter a number"]);
    expect(errors["task.dueInDays"]).toEqual(["Enter a number of at most 90"]);
    expect(errors["lists.today"]).toEqual(["A list name is required"]);
    expect(errors["schedules.extract.cron"][0]).toMatch(/five fields/);
    expect(errors["schedules.expire.cron"][0]).toMatch(/Not a valid cron schedule.*0-59/);
  });

  it("refuses a bad time zone alone", () => {
    const parsed = parseSettingsForm({ ...defaults(), timeZone: "Mars/Olympus" });
    expect(parsed).toEqual({ success: false, fieldErrors: { timeZone: ["Unknown IANA time zone"] } });
  });

  it("refuses a five-field cron whose values are out of range", () => {
    for (const cron of ["0 25 * * *", "0 6 32 * *", "* * * * 8", "a b c d e"]) {
      const parsed = parseSettingsForm({ ...defaults(), "schedules.promote.cron": cron });
      expect(parsed.success ? [] : Object.keys(parsed.fieldErrors), cron).toEqual(["schedules.promote.cron"]);
    }
    expect(parseSettingsForm({ ...defaults(), "schedules.promote.cron": "30 7 * * MON-FRI" }).success).toBe(true);
  });

  it("gives teamAction the same errors under the form's field names", () => {
    const result = settingsFormSchema.safeParse({ ...defaults(), "lists.volume": "", "schedules.extract.cron": "nope" });
    expect(result.success).toBe(false);
    // lib/auth/action.ts (server-only) keys errors as `issue.path.join(".")`.
    const paths = result.error!.issues.map((issue) => issue.path.join("."));
    expect(paths.sort()).toEqual(["lists.volume", "schedules.extract.cron"]);
  });

  it("gives teamAction a patch of the shown fields only, so settings it does not show are kept", () => {
    const values = defaults();
    delete values.pageSize;
    const result = settingsFormSchema.safeParse({ ...values, storeLocation: "Leeds" });
    expect(result.success).toBe(true);
    expect(result.data).not.toHaveProperty("pageSize");
    expect(result.data).toMatchObject({ storeLocation: "Leeds", schedules: { extract: { enabled: true } } });
  });

  it("ignores unknown fields and lists changed keys without values", () => {
    expect(formToSettingsInput({ ...defaults(), $ACTION_ID: "x", other: "y" })).not.toHaveProperty("other");
    const before = defaultWorkflowSettings();
    const parsed = parseSettingsForm({ ...defaults(), storeLocation: "Paris", "schedules.expire.enabled": "" });
    expect(parsed.success).toBe(true);
    if (parsed.success) expect(changedSettingKeys(before, parsed.settings)).toEqual(["schedules.expire.enabled", "storeLocation"]);
  });
});
