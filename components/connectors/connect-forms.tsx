"use client";

import { useActionState, useState } from "react";
import { connectWithCredentialsAction, startOAuthAction } from "@/app/(dashboard)/connectors/actions";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import type { ActionState } from "@/lib/auth/action";
import type { CatalogEntry } from "@/lib/connectors/catalog";

type Current = { accountId: string | null; baseUrl: string; usesProductionUrl: boolean; name: string };

function BaseUrlField({ entry, state, current }: { entry: CatalogEntry; state: ActionState; current?: Current }) {
  return (
    <TextField
      name="baseUrl"
      label="API base URL (optional)"
      placeholder={entry.defaultBaseUrl}
      defaultValue={state.values?.baseUrl ?? (current && !current.usesProductionUrl ? current.baseUrl : "")}
      hint={`Leave empty for ${entry.displayName}'s production API (${entry.defaultBaseUrl}). Set it for the sandbox or a test host.`}
      errors={state.fieldErrors?.baseUrl}
    />
  );
}

function NameField({ state, current }: { state: ActionState; current?: Current }) {
  return <TextField name="name" label="Connection name (optional)" defaultValue={state.values?.name ?? current?.name ?? ""} errors={state.fieldErrors?.name} maxLength={120} />;
}

function Tabs({ tabs, value, onChange }: { tabs: { id: string; label: string }[]; value: string; onChange: (id: string) => void }) {
  return (
    <div role="tablist" className="mb-3 flex gap-1 rounded-md bg-slate-100 p-1 text-sm">
      {tabs.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          aria-selected={value === t.id}
          onClick={() => onChange(t.id)}
          className={`flex-1 rounded px-2 py-1 font-medium ${value === t.id ? "bg-white text-slate-900 shadow-sm" : "text-slate-600"}`}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

function OAuthForm({ entry, current }: { entry: CatalogEntry; current?: Current }) {
  const [state, action, pending] = useActionState(startOAuthAction, {});
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="provider" value={entry.id} />
      {entry.id === "netsuite" ? (
        <AccountIdField state={state} current={current} />
      ) : null}
      <NameField state={state} current={current} />
      <BaseUrlField entry={entry} state={state} current={current} />
      <p className="text-xs text-slate-500">Requested scopes: {entry.defaultScopes.join(", ")}</p>
      <FormStatus state={state} />
      <Button type="submit" disabled={pending}>
        {pending ? "Redirecting…" : `Connect with ${entry.displayName}`}
      </Button>
    </form>
  );
}

function AccountIdField({ state, current }: { state: ActionState; current?: Current }) {
  return (
    <TextField
      name="accountId"
      label="NetSuite account ID"
      placeholder="1234567 or 1234567_SB1"
      defaultValue={state.values?.accountId ?? current?.accountId ?? ""}
      hint="Setup → Company → Company Information → Account ID"
      errors={state.fieldErrors?.accountId}
      required
    />
  );
}

function SecretField({ name, label, hint, state }: { name: string; label: string; hint?: string; state: ActionState }) {
  // Secrets are never pre-filled: the action state does not carry them back.
  return <TextField name={name} label={label} type="password" autoComplete="off" hint={hint} errors={state.fieldErrors?.[name]} required />;
}

function CredentialsForm({ entry, mode, current }: { entry: CatalogEntry; mode: "hubspot-token" | "netsuite-tba" | "activecampaign-key"; current?: Current }) {
  const [state, action, pending] = useActionState(connectWithCredentialsAction, {});
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="mode" value={mode} />
      {mode === "hubspot-token" ? (
        <SecretField name="accessToken" label="Private app access token" hint="Starts with pat-na1- or pat-eu1-" state={state} />
      ) : null}
      {mode === "netsuite-tba" ? (
        <>
          <AccountIdField state={state} current={current} />
          <SecretField name="consumerKey" label="Consumer key" state={state} />
          <SecretField name="consumerSecret" label="Consumer secret" state={state} />
          <SecretField name="tokenId" label="Token ID" state={state} />
          <SecretField name="tokenSecret" label="Token secret" state={state} />
        </>
      ) : null}
      {mode === "activecampaign-key" ? (
        <>
          <TextField
            name="apiUrl"
            label="API URL"
            placeholder="https://youraccount.api-us1.com"
            defaultValue={state.values?.apiUrl ?? current?.baseUrl ?? ""}
            hint="Settings → Developer. Use the sandbox URL here to test against the local sandbox."
            errors={state.fieldErrors?.apiUrl}
            required
          />
          <SecretField name="apiKey" label="API key" state={state} />
        </>
      ) : null}
      <NameField state={state} current={current} />
      {mode !== "activecampaign-key" ? <BaseUrlField entry={entry} state={state} current={current} /> : null}
      <FormStatus state={state} />
      <Button type="submit" disabled={pending}>
        {pending ? "Checking with the vendor…" : "Verify and save"}
      </Button>
    </form>
  );
}

/** The connect (or reconnect) forms for one provider. */
export function ConnectForms({ entry, current }: { entry: CatalogEntry; current?: Current }) {
  const tabs =
    entry.id === "hubspot"
      ? [
          { id: "oauth", label: "OAuth" },
          { id: "hubspot-token", label: "Private app token" },
        ]
      : entry.id === "netsuite"
        ? [
            { id: "oauth", label: "OAuth 2.0" },
            { id: "netsuite-tba", label: "Token-based auth" },
          ]
        : [];
  const [tab, setTab] = useState(tabs[0]?.id ?? "activecampaign-key");
  if (entry.id === "activecampaign") return <CredentialsForm entry={entry} mode="activecampaign-key" current={current} />;
  return (
    <div>
      <Tabs tabs={tabs} value={tab} onChange={setTab} />
      {tab === "oauth" ? (
        <OAuthForm entry={entry} current={current} />
      ) : (
        <CredentialsForm entry={entry} mode={tab as "hubspot-token" | "netsuite-tba"} current={current} />
      )}
    </div>
  );
}
