/**
 * Readable sentences for activity-log entries. Details are shown selectively: only fields named
 * here, and for unknown actions only short plain values whose names do not suggest a secret.
 */

export type ActivityDescription = { title: string; details: string[] };

const providerNames: Record<string, string> = { netsuite: "NetSuite", hubspot: "HubSpot", activecampaign: "ActiveCampaign" };
const workflowNames: Record<string, string> = { extract: "Extract", promote: "Promote", expire: "Expire" };

export const settingLabels: Record<string, string> = {
  timeZone: "time zone",
  storeLocation: "store location",
  retentionDays: "retention days",
  premiumThreshold: "premium threshold",
  volumeMinOrders: "volume minimum orders",
  sevenDayOffset: "seven-day offset",
  promoteOptedOut: "promote opted-out customers",
  pageSize: "records per step",
  "lists.volume": "volume list name",
  "lists.today": "today list name",
  "lists.sevenDay": "seven-day list name",
  "task.subject": "task subject",
  "task.body": "task body",
  "task.dueInDays": "task due in days",
  "task.priority": "task priority",
  "schedules.extract.enabled": "Extract schedule on/off",
  "schedules.extract.cron": "Extract schedule",
  "schedules.promote.enabled": "Promote schedule on/off",
  "schedules.promote.cron": "Promote schedule",
  "schedules.expire.enabled": "Expire schedule on/off",
  "schedules.expire.cron": "Expire schedule",
};

/** Filter choices: categories first, then the known actions by name. */
export const actionCategories: { value: string; label: string }[] = [
  { value: "team.", label: "Team" },
  { value: "member.", label: "Members and invitations" },
  { value: "settings.", label: "Settings" },
  { value: "connection.", label: "Connections" },
  { value: "store.", label: "Storage" },
  { value: "workflow.", label: "Workflows" },
];

export const actionLabels: Record<string, string> = {
  "team.created": "Team created",
  "member.invited": "Member invited",
  "member.invitation_revoked": "Invitation withdrawn",
  "member.joined": "Member joined",
  "member.removed": "Member removed",
  "member.role_changed": "Role changed",
  "settings.updated": "Settings changed",
  "connection.connected": "Connection added",
  "connection.renamed": "Connection renamed",
  "connection.removed": "Connection removed",
  "connection.tested": "Connection tested",
  "store.created": "Store created",
  "store.record_deleted": "Record deleted",
  "store.reconciled": "Counters repaired",
  "workflow.run_requested": "Workflow run requested",
  "workflow.schedule_enabled": "Schedule turned on",
  "workflow.schedule_disabled": "Schedule turned off",
};

const secretName = /password|secret|token|key|credential|authorization|cookie/i;

const str = (value: unknown) => (typeof value === "string" || typeof value === "number" ? String(value) : undefined);
const provider = (value: unknown) => providerNames[String(value)] ?? String(value ?? "a vendor");
const workflow = (value: unknown) => workflowNames[String(value)] ?? String(value ?? "a workflow");
const article = (role: unknown) => (role === "admin" || role === "owner" ? `an ${role}` : `a ${String(role ?? "member")}`);

export function humanizeAction(action: string) {
  return actionLabels[action] ?? action.replace(/[._]/g, " ").replace(/^\w/, (c) => c.toUpperCase());
}

function genericDetails(detail: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(detail)) {
    if (secretName.test(key) || /id$/i.test(key)) continue;
    if (typeof value === "string" && value.length <= 120) out.push(`${key}: ${value}`);
    else if (typeof value === "number" || typeof value === "boolean") out.push(`${key}: ${String(value)}`);
  }
  return out.slice(0, 6);
}

export function describeActivity(action: string, detail: Record<string, unknown>): ActivityDescription {
  const d = detail ?? {};
  switch (action) {
    case "team.created":
      return { title: "Created the team", details: str(d.slug) ? [`slug ${str(d.slug)}`] : [] };
    case "member.invited":
      return {
        title: `Invited ${str(d.email) ?? "someone"} as ${article(d.role)}`,
        details: str(d.expiresAt) ? [`link valid until ${new Date(String(d.expiresAt)).toISOString().slice(0, 10)}`] : [],
      };
    case "member.invitation_revoked":
      return { title: `Withdrew the invitation for ${str(d.email) ?? "someone"}`, details: [] };
    case "member.joined":
      return { title: `${str(d.email) ?? "Someone"} joined as ${article(d.role)}`, details: ["through an invitation"] };
    case "member.removed":
      return d.self === true
        ? { title: "Left the team", details: [] }
        : { title: `Removed ${str(d.email) ?? "a member"} from the team`, details: str(d.role) ? [`was ${article(d.role)}`] : [] };
    case "member.role_changed":
      return { title: `Changed ${str(d.email) ?? "a member"}'s role from ${str(d.from)} to ${str(d.to)}`, details: [] };
    case "settings.updated": {
      const changed = Array.isArray(d.changed) ? d.changed.map(String) : [];
      return {
        title: changed.length === 1 ? "Changed 1 workflow setting" : `Changed ${changed.length} workflow settings`,
        details: changed.map((key) => settingLabels[key] ?? key),
      };
    }
    case "connection.connected":
      return {
        title: `Connected ${provider(d.provider)}`,
        details: [str(d.name) && `named “${str(d.name)}”`, str(d.accountId) && `account ${str(d.accountId)}`, str(d.authKind) && `auth ${str(d.authKind)}`].filter(
          (x): x is string => Boolean(x),
        ),
      };
    case "connection.renamed":
      return { title: `Renamed the ${provider(d.provider)} connection to “${str(d.name) ?? ""}”`, details: [] };
    case "connection.removed":
      return { title: `Removed the ${provider(d.provider)} connection`, details: str(d.name) ? [`“${str(d.name)}”`] : [] };
    case "connection.tested":
      return { title: `Tested the ${provider(d.provider)} connection`, details: [d.ok === true ? "it works" : "it failed"] };
    case "store.created":
      return {
        title: `Created ${d.kind === "counter" ? "counter" : "object"} store “${str(d.name) ?? ""}”`,
        details: Array.isArray(d.fields) ? [`${d.fields.length} fields`] : [],
      };
    case "store.record_deleted": {
      const subtracted = Array.isArray(d.subtracted) ? d.subtracted.length : 0;
      return {
        title: `Deleted record “${str(d.key) ?? ""}”`,
        details: subtracted ? [`subtracted from ${subtracted} counter${subtracted === 1 ? "" : "s"}`] : [],
      };
    }
    case "store.reconciled":
      return { title: `Repaired the counters of ${str(d.repaired) ?? "0"} customer${d.repaired === 1 ? "" : "s"}`, details: [] };
    case "workflow.run_requested":
      return {
        title: `Requested a${d.dryRun === true ? " dry" : ""} ${workflow(d.workflow)} run`,
        details: [str(d.trigger) && `trigger: ${str(d.trigger)}`, d.mode === "in_process" ? "run in-process" : d.mode === "inngest" ? "sent to Inngest" : undefined].filter(
          (x): x is string => Boolean(x),
        ),
      };
    case "workflow.schedule_enabled":
    case "workflow.schedule_disabled":
      return {
        title: `Turned the ${workflow(d.workflow)} schedule ${action.endsWith("enabled") ? "on" : "off"}`,
        details: [str(d.cron) && `${str(d.cron)} (${str(d.timeZone) ?? "team time zone"})`].filter((x): x is string => Boolean(x)),
      };
    default:
      return { title: humanizeAction(action), details: genericDetails(d) };
  }
}
