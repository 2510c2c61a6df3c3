import { Badge } from "@/components/ui/card";
import { formatDateTime } from "@/lib/format";
import type { InvitationView } from "@/lib/teams/invitations";
import { RevokeInvitationForm } from "./member-controls";

export function PendingInvitations({
  invitations,
  canManage,
  format,
}: {
  invitations: InvitationView[];
  canManage: boolean;
  format: { locale: string; timeZone: string };
}) {
  if (!invitations.length) return <p className="text-sm text-slate-600">No pending invitations.</p>;
  return (
    <ul className="divide-y divide-slate-100">
      {invitations.map((invitation) => (
        <li key={invitation.id} data-testid="invitation-row" className="flex flex-wrap items-start justify-between gap-3 py-3 text-sm">
          <div>
            <p className="font-medium text-slate-900">
              {invitation.email} <Badge>{invitation.role}</Badge> {invitation.expired ? <Badge tone="amber">expired</Badge> : null}
            </p>
            <p className="text-xs text-slate-500">
              Invited {formatDateTime(invitation.createdAt, format)}
              {invitation.invitedByEmail ? ` by ${invitation.invitedByEmail}` : ""} ·{" "}
              {invitation.expired ? "expired" : "expires"} {formatDateTime(invitation.expiresAt, format)}
            </p>
          </div>
          {canManage ? <RevokeInvitationForm invitationId={invitation.id} email={invitation.email} /> : null}
        </li>
      ))}
    </ul>
  );
}
