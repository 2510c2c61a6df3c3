import { Badge, Card } from "@/components/ui/card";
import type { CatalogEntry } from "@/lib/connectors/catalog";
import type { ConnectionView } from "@/lib/connectors/connections";
import { formatDateTime } from "@/lib/format";
import { ConnectForms } from "./connect-forms";
import { ConnectionControls } from "./connection-controls";

type Format = { locale: string; timeZone: string };

const authLabels: Record<ConnectionView["authKind"], string> = {
  oauth2: "OAuth 2.0",
  token: "Access token",
  api_key: "API key",
  tba: "Token-based authentication (OAuth 1.0a)",
};

function StatusBadge({ status }: { status?: ConnectionView["status"] }) {
  if (!status) return <Badge tone="slate">Not connected</Badge>;
  if (status === "connected") return <Badge tone="green">Connected</Badge>;
  if (status === "needs_reauth") return <Badge tone="amber">Needs reconnecting</Badge>;
  return <Badge tone="red">Error</Badge>;
}

function Row({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="grid grid-cols-3 gap-2 py-1">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="col-span-2 break-words text-sm text-slate-800" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

export function ConnectorsBoard({
  catalog,
  connections,
  canManage,
  justConnected,
  format,
}: {
  catalog: CatalogEntry[];
  connections: ConnectionView[];
  canManage: boolean;
  justConnected?: string;
  format: Format;
}) {
  const byProvider = new Map(connections.map((c) => [c.provider, c]));
  const needsReauth = connections.filter((c) => c.status === "needs_reauth");
  const justConnectedName = catalog.find((c) => c.id === justConnected)?.displayName;
  return (
    <div className="space-y-6">
      {justConnectedName ? (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-700">
          {justConnectedName} connected.
        </p>
      ) : null}
      {needsReauth.length ? (
        <div role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900" data-testid="reauth-banner">
          <p className="font-medium">
            {needsReauth.map((c) => c.providerName).join(", ")} {needsReauth.length === 1 ? "needs" : "need"} to be reconnected.
          </p>
          <p className="mt-1">Workflows that use {needsReauth.length === 1 ? "it" : "them"} will fail until you click Reconnect below.</p>
        </div>
      ) : null}
      <div className="grid gap-6 xl:grid-cols-3 lg:grid-cols-2">
        {catalog.map((entry) => {
          const c = byProvider.get(entry.id);
          return (
            <Card
              key={entry.id}
              title={<span data-testid={`connector-${entry.id}`}>{entry.displayName}</span>}
              actions={<StatusBadge status={c?.status} />}
            >
              {c ? (
                <>
                  <dl className="mb-4 divide-y divide-slate-100">
                    <Row label="Name">{c.name}</Row>
                    <Row label="Auth">{authLabels[c.authKind]}</Row>
                    <Row label="Account">{c.accountId ?? "—"}</Row>
                    <Row label="API URL">
                      {c.baseUrl}
                      {c.usesProductionUrl ? null : <span className="ml-1 text-xs text-slate-500">(custom)</span>}
                    </Row>
                    {c.scopes.length ? <Row label="Scopes">{c.scopes.join(", ")}</Row> : null}
                    {c.accessTokenExpiresAt ? <Row label="Token expires">{formatDateTime(c.accessTokenExpiresAt, format)} (refreshed automatically)</Row> : null}
                    {c.reconnectBy ? (
                      <Row label="Reconnect by" testId={`reconnect-by-${entry.id}`}>
                        {formatDateTime(c.reconnectBy, format)}
                      </Row>
                    ) : null}
                    <Row label="Last success">{formatDateTime(c.lastSuccessAt, format)}</Row>
                    <Row label="Last checked">{formatDateTime(c.lastCheckedAt, format)}</Row>
                    {c.lastError ? (
                      <Row label="Last error" testId={`last-error-${entry.id}`}>
                        <span className="text-red-700">{c.lastError}</span>
                      </Row>
                    ) : null}
                  </dl>
                  <ConnectionControls
                    connectionId={c.id}
                    name={c.name}
                    needsReauth={c.status === "needs_reauth"}
                    canManage={canManage}
                    reconnectForm={canManage ? <ConnectForms entry={entry} current={{ accountId: c.accountId, baseUrl: c.baseUrl, usesProductionUrl: c.usesProductionUrl, name: c.name }} /> : null}
                  />
                </>
              ) : canManage ? (
                <>
                  <p className="mb-3 text-sm text-slate-600">{entry.docsHint}</p>
                  <ConnectForms entry={entry} />
                </>
              ) : (
                <p className="text-sm text-slate-600">Not connected. Ask a team admin to connect {entry.displayName}.</p>
              )}
            </Card>
          );
        })}
      </div>
    </div>
  );
}
