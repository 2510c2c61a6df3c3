"use client";

import { Bar, BarChart, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/**
 * Charts for the overview. They draw what the server computed and formatted; every label shown
 * (money, dates, counts) arrives as text, so the browser formats nothing itself. The figures are
 * also in a table beside each chart for screen readers, so the SVG is hidden from them.
 */

export type DailyPoint = { tick: string; label: string; orders: number; revenue: number; ordersText: string; revenueText: string };
export type BucketPoint = { tick: string; label: string; customers: number; customersText: string };

const axis = { fontSize: 12, fill: "#475569" };
const brand = "#1f57cf";
const accent = "#0f9d76";

function TooltipBox({ title, lines }: { title: string; lines: string[] }) {
  return (
    <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs shadow-sm">
      <p className="font-medium text-slate-800">{title}</p>
      {lines.map((line) => (
        <p key={line} className="text-slate-600">{line}</p>
      ))}
    </div>
  );
}

type TooltipArgs<T> = { active?: boolean; payload?: ReadonlyArray<{ payload?: T }> };

export function DailyChart({ data, revenueTicks }: { data: DailyPoint[]; revenueTicks: { value: number; text: string }[] }) {
  const tickText = new Map(revenueTicks.map((t) => [t.value, t.text]));
  return (
    <div aria-hidden="true" className="h-[260px] w-full">
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height: 260 }}>
      <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="#e2e8f0" vertical={false} />
        <XAxis dataKey="tick" tick={axis} tickLine={false} interval="preserveStartEnd" minTickGap={12} />
        <YAxis yAxisId="orders" allowDecimals={false} tick={axis} tickLine={false} axisLine={false} width={36} />
        <YAxis
          yAxisId="revenue"
          orientation="right"
          ticks={revenueTicks.map((t) => t.value)}
          domain={[0, revenueTicks.at(-1)?.value ?? "auto"]}
          tickFormatter={(v: number) => tickText.get(v) ?? ""}
          tick={axis}
          tickLine={false}
          axisLine={false}
          width={64}
        />
        <Tooltip
          cursor={{ fill: "#f1f5f9" }}
          content={({ active, payload }: TooltipArgs<DailyPoint>) => {
            const point = active ? payload?.[0]?.payload : undefined;
            return point ? <TooltipBox title={point.label} lines={[`Orders: ${point.ordersText}`, `Revenue: ${point.revenueText}`]} /> : null;
          }}
        />
        <Bar yAxisId="orders" dataKey="orders" name="Orders" fill={brand} radius={[3, 3, 0, 0]} maxBarSize={28} isAnimationActive={false} />
        <Line yAxisId="revenue" dataKey="revenue" name="Revenue" stroke={accent} strokeWidth={2} dot={false} isAnimationActive={false} />
      </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

export function BucketChart({ data, valueLabel, color = brand }: { data: BucketPoint[]; valueLabel: string; color?: string }) {
  return (
    <div aria-hidden="true" className="h-[220px] w-full">
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 400, height: 220 }}>
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="#e2e8f0" vertical={false} />
        <XAxis dataKey="tick" tick={axis} tickLine={false} interval={0} />
        <YAxis allowDecimals={false} tick={axis} tickLine={false} axisLine={false} width={36} />
        <Tooltip
          cursor={{ fill: "#f1f5f9" }}
          content={({ active, payload }: TooltipArgs<BucketPoint>) => {
            const point = active ? payload?.[0]?.payload : undefined;
            return point ? <TooltipBox title={point.label} lines={[`${valueLabel}: ${point.customersText}`]} /> : null;
          }}
        />
        <Bar dataKey="customers" name={valueLabel} fill={color} radius={[3, 3, 0, 0]} maxBarSize={48} isAnimationActive={false} />
      </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
