/** Words for the workflows views: run statuses, step ids, count keys and errors, in one place. */

export type WorkflowKey = "extract" | "promote" | "expire";
export type RunStatusKey = "queued" | "running" | "succeeded" | "failed";

export const workflowTitles: Record<WorkflowKey, string> = {
  extract: "Extract",
  promote: "Promote",
  expire: "Expire",
};

export const workflowSummaries: Record<WorkflowKey, string> = {
  extract: "Pull new NetSuite sales orders into the Dynamic Promotion List and sync the customers as contacts.",
  promote: "Apply the first matching promotion rule to every customer on the list.",
  expire: "Remove old records from the list and take them off the customers' counters.",
};

export const statusLabels: Record<RunStatusKey, string> = {
  queued: "Queued",
  running: "Running",
  succeeded: "Succeeded",
  failed: "Failed",
};

export const statusTones: Record<RunStatusKey, "slate" | "blue" | "green" | "red"> = {
  queued: "slate",
  running: "blue",
  succeeded: "green",
  failed: "red",
};

export const triggerLabels: Record<string, string> = {
  schedule: "Schedule",
  manual: "Run now",
  cli: "Command line",
  retry: "Retry",
  test: "Test",
};

export const isFinished = (status: string) => status === "succeeded" || status === "failed";

/** "orders-page-3" -> "Orders page 3". */
export function stepLabel(stepId: string): string {
  const page = /^(orders|customers|expire)-page-(\d+)$/.exec(stepId);
  if (page) {
    const what = { orders: "Orders", customers: "Customers", expire: "Expire records" }[page[1] as "orders" | "customers" | "expire"];
    return `${what}, page ${page[2]}`;
  }
  const fixed: Record<string, string> = {
    plan: "Plan the time window",
    "resolve-lists": "Find or create the ActiveCampaign lists",
    "count-expired": "Count expired records",
    "start-run": "Start",
    "finish-run": "Finish",
  };
  return fixed[stepId] ?? stepId;
}

/** Milliseconds as "850 ms", "12.3 s", "4 min 05 s". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  if (minutes < 60) return `${minutes} min ${String(seconds).padStart(2, "0")} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}

export function durationBetween(start: Date | string | null | undefined, end: Date | string | null | undefined): number | null {
  if (!start || !end) return null;
  return new Date(end).getTime() - new Date(start).getTime();
}

type CountRow = { key: string; label: string };
export type CountGroup = { title: string; rows: CountRow[] };

const ruleRows = (prefix: string, suffix = ""): CountRow[] => [
  { key: `${prefix}premium`, label: `Premium: HubSpot follow-up task${suffix}` },
  { key: `${prefix}volume`, label: `Volume: ActiveCampaign volume list${suffix}` },
  { key: `${prefix}today`, label: `Bought today: today list${suffix}` },
  { key: `${prefix}seven_day`, label: `Bought 7 days ago: seven day list${suffix}` },
];

/** Each workflow's counts grouped by outcome, in the order the workflow produces them. */
export const countGroups: Record<WorkflowKey, CountGroup[]> = {
  extract: [
    { title: "From NetSuite", rows: [{ key: "fetched", label: "Sales orders fetched" }, { key: "pages", label: "Pages" }] },
    {
      title: "Filtered out",
      rows: [
        { key: "filtered_company", label: "Company (not a person)" },
        { key: "filtered_location", label: "Bought at another store location" },
      ],
    },
    {
      title: "Dynamic Promotion List",
      rows: [
        { key: "kept", label: "Kept (people at the store)" },
        { key: "duplicates", label: "Already on the list (duplicates)" },
        { key: "added", label: "Added to the list" },
        { key: "quarantined", label: "Quarantined (bad data)" },
      ],
    },
    {
      title: "Contacts",
      rows: [
        { key: "customers", label: "Customers checked" },
        { key: "hubspot_contacts_created", label: "HubSpot contacts created" },
        { key: "hubspot_contacts_existing", label: "HubSpot contacts already there" },
        { key: "activecampaign_contacts_synced", label: "ActiveCampaign contacts synced (created or updated)" },
        { key: "activecampaign_contacts_failed", label: "ActiveCampaign contacts refused" },
        { key: "activecampaign_imports", label: "ActiveCampaign bulk imports" },
        // Runs recorded before contacts went through bulk imports.
        { key: "activecampaign_contacts_created", label: "ActiveCampaign contacts created" },
        { key: "activecampaign_contacts_existing", label: "ActiveCampaign contacts already there" },
      ],
    },
  ],
  promote: [
    { title: "Customers", rows: [{ key: "customers", label: "Customers on the list" }, { key: "pages", label: "Pages" }, { key: "customers_deferred", label: "Left for the next run (step limit)" }] },
    {
      title: "Decided by rule",
      rows: [
        ...ruleRows("rule_"),
        { key: "rule_none", label: "No rule matched" },
        { key: "rule_opted_out", label: "Opted out (never promoted)" },
      ],
    },
    {
      title: "Promotions",
      rows: [
        { key: "promoted", label: "Promotions sent" },
        ...ruleRows("promoted_", " sent"),
        { key: "already_promoted", label: "Already promoted this period" },
        { key: "failed", label: "Refused by the vendor" },
      ],
    },
  ],
  expire: [
    {
      title: "Expired",
      rows: [
        { key: "expired", label: "Records removed, counters decremented" },
        { key: "would_expire", label: "Would be removed (dry run)" },
        { key: "pages", label: "Pages" },
      ],
    },
  ],
};

/** The groups with a value for each known key, plus any key the view has no word for yet. */
export function groupCounts(workflow: WorkflowKey, counts: Record<string, number>): { title: string; rows: (CountRow & { value: number })[] }[] {
  const known = new Set<string>();
  const groups = countGroups[workflow].map((group) => ({
    title: group.title,
    rows: group.rows
      .map((row) => {
        known.add(row.key);
        return { ...row, value: counts[row.key] ?? 0 };
      })
      // Rows that can only be non-zero in some runs are hidden when zero.
      .filter((row) => row.value !== 0 || !optionalKeys.has(row.key)),
  }));
  const other = Object.entries(counts)
    .filter(([key]) => !known.has(key))
    .map(([key, value]) => ({ key, label: key.startsWith("filtered_") ? `Filtered out: ${key.slice(9).replace(/_/g, " ")}` : key.replace(/_/g, " "), value }));
  if (other.length) groups.push({ title: "Other", rows: other });
  return groups.filter((g) => g.rows.length > 0);
}

const optionalKeys = new Set([
  "activecampaign_contacts_failed",
  "activecampaign_contacts_created",
  "activecampaign_contacts_existing",
  "customers_deferred",
  "would_expire", "promoted_premium", "promoted_volume", "promoted_today", "promoted_seven_day", "pages"]);

/** The two or three numbers that say what a run did, for a runs table. */
export function keyCounts(workflow: WorkflowKey, counts: Record<string, number>, dryRun: boolean): { label: string; value: number }[] {
  const c = (key: string) => counts[key] ?? 0;
  if (workflow === "extract") {
    return [
      { label: "fetched", value: c("fetched") },
      { label: "added", value: c("added") },
      { label: "quarantined", value: c("quarantined") },
    ];
  }
  if (workflow === "promote") {
    return dryRun
      ? [
          { label: "customers", value: c("customers") },
          { label: "would promote", value: c("rule_premium") + c("rule_volume") + c("rule_today") + c("rule_seven_day") },
        ]
      : [
          { label: "customers", value: c("customers") },
          { label: "promoted", value: c("promoted") },
        ];
  }
  return dryRun ? [{ label: "would expire", value: c("would_expire") }] : [{ label: "expired", value: c("expired") }];
}

/** An error message in plain words, with what to do next when we can tell. */
export function explainError(message: string): { summary: string; hint?: string; href?: string } {
  const text = message.trim();
  if (/is not connected/i.test(text)) {
    return { summary: text, hint: "Connect it on the Connectors page, then retry the run.", href: "/connectors" };
  }
  if (/needs to be reconnected/i.test(text)) {
    return { summary: text.replace(/\s*Open Connectors and click Reconnect\.?$/, ""), hint: "Open Connectors and click Reconnect, then retry the run.", href: "/connectors" };
  }
  if (/could not reach inngest/i.test(text)) {
    return { summary: text, hint: "Start the Inngest dev server (npx inngest-cli@latest dev) or unset INNGEST_DEV to run in this process." };
  }
  const vendor = /^(netsuite|hubspot|activecampaign)\.([\w.-]+): ([\s\S]*)$/i.exec(text);
  if (vendor) {
    const names: Record<string, string> = { netsuite: "NetSuite", hubspot: "HubSpot", activecampaign: "ActiveCampaign" };
    const name = names[vendor[1].toLowerCase()] ?? vendor[1];
    const detail = vendor[3];
    const status = /\b(429|5\d\d)\b/.test(detail)
      ? `${name} was unavailable or rate-limited and still failed after retries.`
      : `${name} refused a request (${vendor[2]}).`;
    return { summary: `${status} ${name} said: ${detail}`, hint: "Steps that finished are kept; retrying continues safely without repeating what was done." };
  }
  if (/stopped without finishing/i.test(text)) return { summary: text };
  if (/fetch failed|ECONNREFUSED|ENOTFOUND|ETIMEDOUT|network/i.test(text)) {
    return { summary: `A vendor could not be reached over the network (${text}).`, hint: "Check the connection's API address on the Connectors page, then retry.", href: "/connectors" };
  }
  return { summary: text };
}

/** A five-field cron in words for the common shapes; otherwise null (the cron itself is shown). */
export function describeCron(cron: string): string | null {
  const parts = cron.trim().split(/\s+/);
  if (parts.length !== 5) return null;
  const [minute, hour, dom, month, dow] = parts;
  if (!/^\d{1,2}$/.test(minute) || !/^\d{1,2}$/.test(hour) || month !== "*") return null;
  const time = `${hour.padStart(2, "0")}:${minute.padStart(2, "0")}`;
  if (dom === "*" && dow === "*") return `Every day at ${time}`;
  const days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
  if (dom === "*" && /^[0-7]$/.test(dow)) return `Every ${days[Number(dow) % 7]} at ${time}`;
  if (dom === "*" && dow === "1-5") return `Weekdays at ${time}`;
  return null;
}
