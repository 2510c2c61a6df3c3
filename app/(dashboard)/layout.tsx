import { signOutAction } from "@/app/(auth)/actions";
import { NavLinks } from "@/components/shell/nav-links";
import { TeamSwitcher } from "@/components/shell/team-switcher";
import { requireTeam } from "@/lib/auth/session";
import { listTeamsOfUser } from "@/lib/teams/members";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const { db, user, team } = await requireTeam();
  const teams = await listTeamsOfUser(db, user.id);
  return (
    <div className="md:flex md:min-h-screen">
      <aside className="border-b border-slate-200 bg-white md:w-60 md:shrink-0 md:border-b-0 md:border-r">
        <div className="flex items-center justify-between gap-2 px-4 py-4 md:block">
          <div>
            <p className="text-sm font-semibold text-slate-900">Promotion Stack</p>
            <p className="text-xs text-slate-500" data-testid="team-name">{team.name}</p>
            {teams.length > 1 ? <TeamSwitcher teams={teams} currentId={team.id} /> : null}
          </div>
        </div>
        <nav aria-label="Main" className="px-2 pb-3">
          <NavLinks />
        </nav>
        <div className="hidden border-t border-slate-100 px-4 py-3 md:block">
          <p className="truncate text-xs text-slate-500" title={user.email}>{user.email}</p>
          <form action={signOutAction}>
            <button type="submit" className="mt-1 text-sm font-medium text-slate-700 hover:underline">
              Sign out
            </button>
          </form>
        </div>
      </aside>
      <main className="min-w-0 flex-1 px-4 py-6 md:px-8">
        <div className="mb-4 flex justify-end md:hidden">
          <form action={signOutAction}>
            <button type="submit" className="text-sm font-medium text-slate-700 hover:underline">Sign out</button>
          </form>
        </div>
        {children}
      </main>
    </div>
  );
}
