import { Badge } from "@/components/ui/card";
import type { MemberRole } from "@/db/schema";
import { formatDate } from "@/lib/format";
import { RemoveMemberForm, RoleForm } from "./member-controls";

export type MemberRowData = { userId: string; email: string; name: string | null; role: MemberRole; joinedAt: Date };

const roleTone = { owner: "blue", admin: "green", member: "slate" } as const;

/** The team's people; controls appear only for what the viewer's role allows. */
export function MembersTable({
  members,
  viewer,
  format,
}: {
  members: MemberRowData[];
  viewer: { userId: string; role: MemberRole };
  format: { locale: string; timeZone: string };
}) {
  const owners = members.filter((m) => m.role === "owner").length;
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-sm">
        <caption className="sr-only">Team members</caption>
        <thead className="text-left text-xs uppercase text-slate-500">
          <tr>
            <th scope="col" className="py-2 pr-4">Person</th>
            <th scope="col" className="py-2 pr-4">Role</th>
            <th scope="col" className="py-2 pr-4">Joined</th>
            <th scope="col" className="py-2"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {members.map((member) => {
            const self = member.userId === viewer.userId;
            const label = member.name ? `${member.name} (${member.email})` : member.email;
            const lastOwner = member.role === "owner" && owners <= 1;
            const canRemove = viewer.role === "owner" || (viewer.role === "admin" && member.role !== "owner");
            return (
              <tr key={member.userId} data-testid="member-row" className="align-top">
                <td className="py-3 pr-4">
                  <p className="font-medium text-slate-900">
                    {member.name ?? member.email} {self ? <span className="text-xs font-normal text-slate-500">(you)</span> : null}
                  </p>
                  {member.name ? <p className="text-xs text-slate-500">{member.email}</p> : null}
                </td>
                <td className="py-3 pr-4">
                  {viewer.role === "owner" && !lastOwner ? (
                    <RoleForm userId={member.userId} role={member.role} label={label} />
                  ) : (
                    <Badge tone={roleTone[member.role]}>{member.role}</Badge>
                  )}
                  {lastOwner ? <p className="mt-1 text-xs text-slate-500">The only owner</p> : null}
                </td>
                <td className="whitespace-nowrap py-3 pr-4 text-slate-600">{formatDate(member.joinedAt, format)}</td>
                <td className="py-3 text-right">
                  {canRemove && !lastOwner ? <RemoveMemberForm userId={member.userId} label={label} self={self} /> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
