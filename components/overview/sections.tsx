import Link from "next/link";
import type { ReactNode } from "react";
import type { WorkflowName, WorkflowRun } from "@/db/schema";
import { BucketChart, DailyChart } from "@/components/overview/charts";
import { count, day, money, moneyTick, niceTicks, percent, shortDay, type OverviewFormat } from "@/components/overview/format";
import { ruleDescription, ruleLabels, ruleTones } from "@/components/promotions/rule-labels";
import { buttonClass } from "@/components/ui/button";
import { Badge, Card, EmptyState } from "@/components/ui/card";
import type { ConnectionView } from "@/lib/connectors/connections";
import { formatDateTime } from "@/lib/format";
import { segmentRules, type OverviewAnalytics } from "@/lib/queries/analytics";
import type { WorkflowSettings } from "@/lib/workflows/settings";

// ---------------------------------------------------------------- headline figures

function StatTile({ testId, label, value, hint }: { testId: string; label: string; value: ReactNode; hint?: ReactNode }) {
  return (
    <div data-testid={testId} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900" data-value>{value}</dd>
      {hint ? <dd className="mt-1 text-xs text-slate-500">{hint}</dd> : null}
    </div>
  );
}

export function HeadlineStats({ a, f }: { a: OverviewAnalytics; f: OverviewFormat }) {
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-5">
      <StatTile testId="stat-customers" label="Customers" value={count(a.customers, f)} hint="with an order in the window" />
      <StatTile testId="stat-orders" label="Orders" value={count(a.orders, f)} />
      <StatTile testId="stat-revenue" label="Revenue" value={money(a.revenue, f)} />
      <StatTile testId="stat-aov" label="Average order" value={money(a.averageOrderValue, f)} />
      <StatTile
        testId="stat-repeat-rate"
        label="Repeat buyers"
        value={percent(a.repeatRate, f)}
        hint={a.customers > 0 ? `${count(a.repeatCustomers, f)} of ${count(a.customers, f)} bought more than once` : undefined}
      />
    </dl>
  );
}

// ---------------------------------------------------------------- charts, each with its table

function DataTable({ caption, head, rows }: { caption: string; head: string[]; rows: string[][] }) {
  return (
    <table className="sr-only">
      <caption>{caption}</caption>
      <thead>
        <tr>{head.map((h) => <th key={h} scope="col">{h}</th>)}</tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r[0]}>
            <th scope="row">{r[0]}</th>
            {r.slice(1).map((cell, i) => <td key={i}>{cell}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function DailyCard({ a, f }: { a: OverviewAnalytics; f: OverviewFormat }) {
  const busiest = a.perDay.reduce((best, d) => (d.orders > best.orders ? d : best), a.perDay[0]);
  const maxRevenue = Math.max(0, ...a.perDay.map((d) => Number(d.revenue)));
  const ticks = niceTicks(maxRevenue).map((value) => ({ value, text: moneyTick(value, f) }));
  const summary =
    a.orders === 0
      ? `No orders between ${day(a.from, f)} and ${day(a.today, f)}.`
      : `${count(a.orders, f)} orders worth ${money(a.revenue, f)} between ${day(a.from, f)} and ${day(a.today, f)}; the busiest day was ${day(busiest.date, f)} with ${count(busiest.orders, f)}.`;
  return (
    <Card title="Orders and revenue per day" className="lg:col-span-2">
      <figure>
        <figcaption className="mb-2 text-sm text-slate-600">{summary}</figcaption>
        {a.orders > 0 ? (
          <>
            <DailyChart
              revenueTicks={ticks}
              data={a.perDay.map((d) => ({
                tick: shortDay(d.date, f),
                label: day(d.date, f),
                orders: d.orders,
                revenue: Number(d.revenue),
                ordersText: count(d.orders, f),
                revenueText: money(d.revenue, f),
              }))}
            />
            <p className="mt-1 flex gap-4 text-xs text-slate-500" aria-hidden="true">
              <span><span className="mr-1 inline-block h-2 w-3 rounded-sm bg-brand-600" />Orders (left)</span>
              <span><span className="mr-1 inline-block h-0.5 w-3 bg-emerald-600 align-middle" />Revenue (right)</span>
            </p>
          </>
        ) : null}
        <DataTable
          caption="Orders and revenue per day"
          head={["Day", "Orders", "Revenue"]}
          rows={a.perDay.map((d) => [day(d.date, f), count(d.orders, f), money(d.revenue, f)])}
        />
      </figure>
    </Card>
  );
}

function spendLabel(min: string | null, max: string | null, f: OverviewFormat) {
  const m = (v: string) => moneyTick(Number(v), f);
  if (min === null && max !== null) return `up to ${m(max)}`;
  if (max === null && min !== null) return `over ${m(min)}`;
  return `${m(min ?? "0")}–${m(max ?? "0")}`;
}

/** Axis ticks short enough for a phone: "≤50", "50–100", ">1K" (the table and tooltip carry the money). */
function spendTick(min: string | null, max: string | null, f: OverviewFormat) {
  const n = (v: string) => new Intl.NumberFormat(f.locale, { notation: "compact", maximumFractionDigits: 1 }).format(Number(v));
  if (min === null && max !== null) return `≤${n(max)}`;
  if (max === null && min !== null) return `>${n(min)}`;
  return `${n(min ?? "0")}–${n(max ?? "0")}`;
}

export function SpendCard({ a, f }: { a: OverviewAnalytics; f: OverviewFormat }) {
  const rows = a.spend.map((b) => ({ tick: spendTick(b.min, b.max, f), label: spendLabel(b.min, b.max, f), customers: b.customers }));
  return (
    <Card title="Customer spend">
      <figure>
        <figcaption className="mb-2 text-sm text-slate-600">
          Customers by what they spent in the window; the last bar is over the premium threshold ({money(a.spend[a.spend.length - 1].min, f)}).
        </figcaption>
        {a.customers > 0 ? (
          <BucketChart valueLabel="Customers" data={rows.map((r) => ({ ...r, customersText: count(r.customers, f) }))} />
        ) : (
          <p className="text-sm text-slate-500">No customers in the window yet.</p>
        )}
        <DataTable caption="Customers by spend in the window" head={["Spend", "Customers"]} rows={rows.map((r) => [r.label, count(r.customers, f)])} />
      </figure>
    </Card>
  );
}

export function FrequencyCard({ a, f }: { a: OverviewAnalytics; f: OverviewFormat }) {
  const rows = a.frequency.map((b) => ({ tick: b.orders, label: `${b.orders} order${b.orders === "1" ? "" : "s"}`, customers: b.customers }));
  return (
    <Card title="Purchase frequency">
      <figure>
        <figcaption className="mb-2 text-sm text-slate-600">Customers by number of orders in the window (1, 2, 3, 4, 5 or more).</figcaption>
        {a.customers > 0 ? (
          <BucketChart valueLabel="Customers" color="#0f9d76" data={rows.map((r) => ({ ...r, customersText: count(r.customers, f) }))} />
        ) : (
          <p className="text-sm text-slate-500">No customers in the window yet.</p>
        )}
        <DataTable caption="Customers by number of orders" head={["Orders", "Customers"]} rows={rows.map((r) => [r.label, count(r.customers, f)])} />
      </figure>
    </Card>
  );
}

// ---------------------------------------------------------------- today's segments

export function SegmentTiles({ a, f, settings }: { a: OverviewAnalytics; f: OverviewFormat; settings: WorkflowSettings }) {
  const total = segmentRules.reduce((sum, r) => sum + a.segments[r], 0);
  return (
    <Card
      title={`Today's segments (${day(a.today, f)})`}
      actions={<Link href="/promotions" className="text-sm font-medium text-brand-600 hover:underline">See who and why →</Link>}
    >
      <p className="mb-3 text-sm text-slate-600">
        What Promote would decide today for the {count(total, f)} customers on the list, by the first rule that matches.
        {a.segmentsUnreadable > 0 ? ` ${count(a.segmentsUnreadable, f)} customers have no readable purchase date and cannot be decided.` : ""}
      </p>
      <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
        {segmentRules.map((rule) => (
          <li key={rule}>
            <Link
              href={`/promotions?segment=${rule}`}
              data-testid={`segment-${rule}`}
              className="flex h-full items-start justify-between gap-3 rounded-md border border-slate-200 p-3 hover:border-brand-500 hover:bg-brand-50"
            >
              <span>
                <Badge tone={ruleTones[rule]}>{ruleLabels[rule]}</Badge>
                <span className="mt-1 block text-xs text-slate-600">{ruleDescription(rule, settings, (v) => money(v, f))}</span>
              </span>
              <span className="text-xl font-semibold tabular-nums text-slate-900" data-value>{count(a.segments[rule], f)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </Card>
  );
}

// ---------------------------------------------------------------- pipeline health

const providerOrder = [
  { id: "netsuite", name: "NetSuite", role: "orders and customers" },
  { id: "hubspot", name: "HubSpot", role: "contacts and premium tasks" },
  { id: "activecampaign", name: "ActiveCampaign", role: "contacts and promotion lists" },
] as const;

function ConnectionBadge({ status }: { status?: ConnectionView["status"] }) {
  if (!status) return <Badge tone="slate">Not connected</Badge>;
  if (status === "connected") return <Badge tone="green">Connected</Badge>;
  if (status === "needs_reauth") return <Badge tone="amber">Needs reconnecting</Badge>;
  return <Badge tone="red">Error</Badge>;
}

export function ConnectorHealth({ connections, f }: { connections: ConnectionView[]; f: OverviewFormat }) {
  return (
    <Card title="Connectors" actions={<Link href="/connectors" className="text-sm font-medium text-brand-600 hover:underline">Manage →</Link>}>
      <ul className="divide-y divide-slate-100">
        {providerOrder.map((p) => {
          const c = connections.find((x) => x.provider === p.id);
          return (
            <li key={p.id} className="py-2 first:pt-0 last:pb-0" data-testid={`connector-${p.id}`}>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className="text-sm font-medium text-slate-800">
                  {p.name} <span className="font-normal text-slate-500">· {p.role}</span>
                </span>
                <ConnectionBadge status={c?.status} />
              </div>
              {!c ? (
                <Link href="/connectors" className="text-xs font-medium text-brand-600 hover:underline">Connect {p.name}</Link>
              ) : c.status !== "connected" ? (
                <p className="text-xs text-red-700">
                  {c.lastError ?? "The connection needs attention."}{" "}
                  <Link href="/connectors" className="font-medium underline">{c.status === "needs_reauth" ? `Reconnect ${p.name}` : "Check it"}</Link>
                </p>
              ) : (
                <p className="text-xs text-slate-500">
                  Last worked {formatDateTime(c.lastSuccessAt, f)}
                  {c.lastError ? <span className="text-amber-700"> · last error: {c.lastError}</span> : null}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}

const workflowInfo: Record<WorkflowName, { name: string; what: string }> = {
  extract: { name: "Extract", what: "pulls new orders from NetSuite onto the list" },
  promote: { name: "Promote", what: "applies today's rules and sends the promotions" },
  expire: { name: "Expire", what: "removes records older than the retention window" },
};

const runTones = { queued: "slate", running: "blue", succeeded: "green", failed: "red" } as const;

function countsText(counts: Record<string, number>, f: OverviewFormat) {
  const entries = Object.entries(counts).filter(([k, v]) => v > 0 && k !== "pages");
  if (entries.length === 0) return "nothing to do";
  return entries
    .slice(0, 4)
    .map(([k, v]) => `${k.replace(/_/g, " ")} ${count(v, f)}`)
    .join(" · ");
}

export function LastRuns({ runs, f }: { runs: Partial<Record<WorkflowName, WorkflowRun>>; f: OverviewFormat }) {
  return (
    <Card title="Last runs" actions={<Link href="/workflows" className="text-sm font-medium text-brand-600 hover:underline">Workflows →</Link>}>
      <ul className="divide-y divide-slate-100">
        {(Object.keys(workflowInfo) as WorkflowName[]).map((w) => {
          const run = runs[w];
          return (
            <li key={w} className="py-2 first:pt-0 last:pb-0" data-testid={`last-run-${w}`}>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className="text-sm font-medium text-slate-800">
                  {workflowInfo[w].name} <span className="font-normal text-slate-500">· {workflowInfo[w].what}</span>
                </span>
                {run ? <Badge tone={runTones[run.status]}>{run.dryRun ? `${run.status} (dry run)` : run.status}</Badge> : <Badge>Never run</Badge>}
              </div>
              {run ? (
                <p className="text-xs text-slate-500">
                  <Link href={`/workflows/runs/${run.id}`} className="font-medium text-brand-600 hover:underline">
                    {formatDateTime(run.finishedAt ?? run.startedAt ?? run.createdAt, f)}
                  </Link>{" "}
                  · {run.trigger}
                  {run.status === "failed" && run.error ? <span className="text-red-700"> · {run.error}</span> : ` · ${countsText(run.counts, f)}`}
                </p>
              ) : (
                <Link href="/workflows" className="text-xs font-medium text-brand-600 hover:underline">Run {workflowInfo[w].name}</Link>
              )}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}

// ---------------------------------------------------------------- the next step when there is nothing to show

export function NextStep({
  connections,
  runs,
  a,
  f,
  storeLocation,
}: {
  connections: ConnectionView[];
  runs: Partial<Record<WorkflowName, WorkflowRun>>;
  a: OverviewAnalytics;
  f: OverviewFormat;
  storeLocation: string;
}) {
  const netsuite = connections.find((c) => c.provider === "netsuite");
  if (!netsuite) {
    return (
      <EmptyState
        title="Connect NetSuite to start"
        action={<Link href="/connectors" className={buttonClass()}>Connect NetSuite</Link>}
      >
        The overview fills in once orders arrive from NetSuite. Connect it, then HubSpot and ActiveCampaign for the promotions.
      </EmptyState>
    );
  }
  if (netsuite.status !== "connected") {
    return (
      <EmptyState title="NetSuite needs attention" action={<Link href="/connectors" className={buttonClass()}>Reconnect NetSuite</Link>}>
        {netsuite.lastError ?? "Extract cannot read orders until the connection works again."}
      </EmptyState>
    );
  }
  const extract = runs.extract;
  const onList = segmentRules.reduce((sum, r) => sum + a.segments[r], 0);
  if (a.orders > 0 || onList > 0) return null;
  return (
    <EmptyState title="No orders on the promotion list yet" action={<Link href="/workflows" className={buttonClass()}>Run Extract</Link>}>
      {extract && extract.status === "succeeded" && !extract.dryRun
        ? `The last Extract run (${formatDateTime(extract.finishedAt, f)}) found no orders bought at "${storeLocation}" by people in the last ${a.retentionDays} days.`
        : extract?.status === "failed"
          ? `The last Extract run failed: ${extract.error ?? "see the run for details"}.`
          : "Extract pulls the recent orders from NetSuite onto the list; the figures appear here after its first run."}
    </EmptyState>
  );
}
