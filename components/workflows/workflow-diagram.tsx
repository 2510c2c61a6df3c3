import type { ReactNode } from "react";
import type { WorkflowSettings } from "@/lib/workflows/settings";
import type { WorkflowKey } from "./labels";

type Node = { system: string; title: string; detail: ReactNode };

const tone: Record<string, string> = {
  NetSuite: "border-sky-300 bg-sky-50",
  Rule: "border-amber-300 bg-amber-50",
  Storage: "border-slate-300 bg-slate-50",
  Counters: "border-slate-300 bg-slate-50",
  "HubSpot + ActiveCampaign": "border-violet-300 bg-violet-50",
  HubSpot: "border-orange-300 bg-orange-50",
  ActiveCampaign: "border-indigo-300 bg-indigo-50",
};

function Box({ node, index }: { node: Node; index: number }) {
  return (
    <div className={`h-full rounded-md border px-3 py-2 ${tone[node.system] ?? "border-slate-300 bg-white"}`}>
      <p className="text-[11px] font-medium uppercase tracking-wide text-slate-500">
        <span className="sr-only">Step {index + 1}: </span>
        {node.system}
      </p>
      <p className="text-sm font-medium text-slate-900">{node.title}</p>
      <p className="mt-0.5 text-xs text-slate-600">{node.detail}</p>
    </div>
  );
}

function Arrow() {
  return (
    <span aria-hidden="true" className="flex items-center justify-center text-slate-400">
      <span className="sm:hidden">↓</span>
      <span className="hidden sm:inline">→</span>
    </span>
  );
}

/** A chain of steps: left to right on wide screens, top to bottom on a phone. */
function Chain({ nodes, label, testId }: { nodes: Node[]; label: string; testId: string }) {
  return (
    <ol aria-label={label} data-testid={testId} className="flex flex-col gap-1 sm:flex-row sm:items-stretch">
      {nodes.map((node, i) => (
        <li key={node.title} className="flex flex-col gap-1 sm:flex-1 sm:flex-row">
          {i > 0 ? <Arrow /> : null}
          <div className="sm:flex-1">
            <Box node={node} index={i} />
          </div>
        </li>
      ))}
    </ol>
  );
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The tutorial's three flows, drawn with the team's own settings (store, thresholds, lists, retention). */
export function WorkflowDiagram({ workflow, settings }: { workflow: WorkflowKey; settings: WorkflowSettings }) {
  const testId = `workflow-diagram-${workflow}`;
  if (workflow === "extract") {
    return (
      <Chain
        label="Extract workflow steps"
        testId={testId}
        nodes={[
          { system: "NetSuite", title: "Sales orders", detail: "Updated since the last successful run, with their customers" },
          { system: "Rule", title: "Filter", detail: <>People (not companies) who bought at the <strong>{settings.storeLocation}</strong> location</> },
          { system: "Storage", title: "Dynamic Promotion List", detail: "Add orders not stored yet (key NetSuite-<tranId>)" },
          { system: "Counters", title: "Order amount + number", detail: "Add the amount and one order to the customer's counters (by email)" },
          { system: "HubSpot + ActiveCampaign", title: "Contacts", detail: "Create the customer as a contact where missing" },
        ]}
      />
    );
  }
  if (workflow === "expire") {
    return (
      <Chain
        label="Expire workflow steps"
        testId={testId}
        nodes={[
          { system: "Storage", title: "Dynamic Promotion List", detail: <>Records bought more than <strong>{plural(settings.retentionDays, "day")}</strong> ago</> },
          { system: "Counters", title: "Decrement", detail: "Subtract exactly the amount and order the record added" },
          { system: "Storage", title: "Delete", detail: "Remove the record from the list" },
        ]}
      />
    );
  }
  const { lists } = settings;
  const rules: { when: ReactNode; then: ReactNode; system: string }[] = [
    { when: <>Total spent over <strong>{settings.premiumThreshold}</strong></>, then: "Follow-up task, associated to the contact", system: "HubSpot" },
    { when: settings.volumeMinOrders === 2 ? <>Else <strong>more than one</strong> order</> : <>Else <strong>{settings.volumeMinOrders}</strong> or more orders</>, then: <>Add to list “{lists.volume}”</>, system: "ActiveCampaign" },
    { when: "Else last order today", then: <>Add to list “{lists.today}”</>, system: "ActiveCampaign" },
    { when: <>Else last order exactly <strong>{plural(settings.sevenDayOffset, "day")}</strong> ago</>, then: <>Add to list “{lists.sevenDay}”</>, system: "ActiveCampaign" },
  ];
  return (
    <div data-testid={testId} className="flex flex-col gap-1 sm:flex-row sm:items-stretch">
      <div className="sm:w-1/3">
        <Box
          index={0}
          node={{ system: "Storage", title: "Per customer on the list", detail: `Order amount and number counters, and the last order date (calendar days in ${settings.timeZone})` }}
        />
      </div>
      <Arrow />
      <div className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 sm:flex-1">
        <p className="text-[11px] font-medium uppercase tracking-wide text-slate-500">Rule · first match wins</p>
        <ol aria-label="Promote rules, first match wins" className="mt-1 space-y-1 text-xs">
          {rules.map((rule, i) => (
            <li key={i} className="flex flex-col gap-0.5 sm:flex-row sm:items-baseline sm:gap-2">
              <span className="text-slate-800 sm:w-1/2">{rule.when}</span>
              <span aria-hidden="true" className="hidden text-slate-400 sm:inline">→</span>
              <span className="text-slate-700 sm:flex-1">
                <span className="font-medium">{rule.system}</span>: {rule.then}
              </span>
            </li>
          ))}
        </ol>
        {settings.promoteOptedOut ? null : <p className="mt-1 text-[11px] text-slate-500">Customers who opted out are never promoted.</p>}
      </div>
    </div>
  );
}
