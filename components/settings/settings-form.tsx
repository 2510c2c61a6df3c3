"use client";

import { useActionState, type ReactNode } from "react";
import { saveSettingsAction } from "@/app/(dashboard)/settings/actions";
import { Button } from "@/components/ui/button";
import { CheckboxField, SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import type { ActionState } from "@/lib/auth/action";

type Props = {
  /** The saved settings as flat form values ("schedules.extract.cron" → "0 6 * * *"). */
  saved: Record<string, string>;
  canEdit: boolean;
  timeZones: string[];
  /** Next scheduled run per workflow, already formatted in the team's zone. */
  nextRuns: Record<string, string | null>;
  currency: string;
};

const workflows = [
  { id: "extract", label: "Extract", what: "pulls new NetSuite sales orders into the promotion list" },
  { id: "promote", label: "Promote", what: "applies the promotion rules to every customer on the list" },
  { id: "expire", label: "Expire", what: "removes list records older than the retention window" },
] as const;

function Section({ title, description, children }: { title: string; description: ReactNode; children: ReactNode }) {
  return (
    <fieldset className="border-t border-slate-100 pt-5 first:border-t-0 first:pt-0">
      <legend className="float-left w-full text-sm font-semibold text-slate-800">{title}</legend>
      <p className="clear-both pt-1 text-xs text-slate-500">{description}</p>
      <div className="mt-3 grid gap-4 md:grid-cols-2">{children}</div>
    </fieldset>
  );
}

export function SettingsForm({ saved, canEdit, timeZones, nextRuns, currency }: Props) {
  const [state, action, pending] = useActionState<ActionState, FormData>(saveSettingsAction, {});
  const errors = state.fieldErrors ?? {};
  // After a refusal show what was typed; after a save, what was saved.
  const values = state.values ?? saved;
  const text = (name: string) => values[name] ?? "";
  const checked = (name: string) => values[name] === "on";
  const field = (name: string) => ({ name, id: `settings-${name.replace(/\./g, "-")}`, errors: errors[name], defaultValue: text(name) });
  const box = (name: string) => ({ name, id: `settings-${name.replace(/\./g, "-")}`, errors: errors[name], defaultChecked: checked(name) });

  return (
    <form action={action} noValidate data-testid="settings-form" className="space-y-6" key={state.ok ? `saved-${state.message}` : "form"}>
      {!canEdit ? (
        <p className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700" role="note">
          You can see these settings; only a team admin or owner can change them.
        </p>
      ) : null}
      <fieldset disabled={!canEdit || pending} className="space-y-6">
        <Section title="Store and time" description="Which orders count, and the calendar the workflows use for “today” and “7 days ago”.">
          <TextField
            {...field("storeLocation")}
            label="Store location"
            maxLength={120}
            hint="Extract keeps only orders bought at this NetSuite location (the tutorial's “London”)."
          />
          <TextField
            {...field("timeZone")}
            label="Time zone"
            list="settings-time-zones"
            autoComplete="off"
            spellCheck={false}
            hint="An IANA zone such as Europe/London. Schedules, dates and “today” follow it."
          />
          <datalist id="settings-time-zones">
            {timeZones.map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
        </Section>

        <Section
          title="Promotion rules"
          description="Promote applies the first rule that matches each customer: premium task, then volume list, then today list, then seven-day list."
        >
          <TextField
            {...field("premiumThreshold")}
            label={`Premium threshold (${currency})`}
            inputMode="decimal"
            hint="A customer whose accumulated order amount is above this gets a HubSpot follow-up task."
          />
          <TextField
            {...field("volumeMinOrders")}
            label="Volume: minimum orders"
            inputMode="numeric"
            hint="Customers with at least this many orders (and not premium) join the volume list."
          />
          <TextField
            {...field("sevenDayOffset")}
            label="Seven-day rule: days since last order"
            inputMode="numeric"
            hint="A customer whose last order was exactly this many calendar days ago joins the seven-day list."
          />
          <CheckboxField
            {...box("promoteOptedOut")}
            label="Also promote customers who unsubscribed"
            hint="Off (recommended): customers whose subscription status is opted out are skipped and the reason is recorded."
          />
        </Section>

        <Section title="Retention" description="How long a purchase stays on the Dynamic Promotion List before Expire removes it and subtracts it from the counters.">
          <TextField {...field("retentionDays")} label="Keep list records for (days)" inputMode="numeric" hint="1 to 365 days; the tutorial uses 14." />
        </Section>

        <Section title="ActiveCampaign lists" description="The list names Promote adds contacts to; a missing list is created on first use.">
          <TextField {...field("lists.volume")} label="Volume list" maxLength={120} />
          <TextField {...field("lists.today")} label="Today list" maxLength={120} />
          <TextField {...field("lists.sevenDay")} label="Seven-day list" maxLength={120} />
        </Section>

        <Section
          title="HubSpot follow-up task"
          description={
            <>
              The task created for a premium customer. Placeholders: <code>{"{name}"}</code>, <code>{"{email}"}</code>, <code>{"{total}"}</code>,{" "}
              <code>{"{orders}"}</code>, <code>{"{days}"}</code>, <code>{"{lastOrder}"}</code>.
            </>
          }
        >
          <TextField {...field("task.subject")} label="Subject" maxLength={200} />
          <TextAreaField {...field("task.body")} label="Body" rows={3} maxLength={2000} hint="Up to 2,000 characters." />
          <TextField {...field("task.dueInDays")} label="Due in (days)" inputMode="numeric" hint="0 means due the same day; at most 90." />
            <SelectField
              {...field("task.priority")}
              label="Priority"
              options={[
                { value: "HIGH", label: "High" },
                { value: "MEDIUM", label: "Medium" },
                { value: "LOW", label: "Low" },
              ]}
            />
        </Section>

        <Section
          title="Schedules"
          description={
            <>
              Five-field cron (minute hour day month weekday) in the team&apos;s time zone, e.g. <code>0 6 * * *</code> for 06:00 daily or{" "}
              <code>30 8 * * MON-FRI</code> for 08:30 on weekdays. A schedule runs at most once a day.
            </>
          }
        >
          {workflows.map((workflow) => (
            <div key={workflow.id} className="grid gap-3 rounded-md border border-slate-100 p-3 sm:grid-cols-2 md:col-span-2">
              <CheckboxField
                {...box(`schedules.${workflow.id}.enabled`)}
                label={`Run ${workflow.label} on a schedule`}
                hint={`${workflow.label} ${workflow.what}.`}
              />
              <TextField
                {...field(`schedules.${workflow.id}.cron`)}
                label={`${workflow.label} schedule (cron)`}
                spellCheck={false}
                autoComplete="off"
                hint={nextRuns[workflow.id] ? `Next run: ${nextRuns[workflow.id]}` : "Not scheduled."}
              />
            </div>
          ))}
        </Section>

        <Section title="Advanced" description="How many records each workflow step handles. Smaller pages mean shorter steps and more of them.">
          <TextField {...field("pageSize")} label="Records per step" inputMode="numeric" hint="1 to 1,000 (NetSuite's page limit)." />
        </Section>
      </fieldset>

      <FormStatus state={state} />
      {canEdit ? (
        <div className="flex justify-end">
          <Button type="submit" disabled={pending} data-testid="settings-save">
            {pending ? "Saving…" : "Save settings"}
          </Button>
        </div>
      ) : null}
    </form>
  );
}
