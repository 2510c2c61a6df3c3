"use client";

import { useActionState } from "react";
import { switchTeamAction } from "@/app/(dashboard)/settings/actions";
import { buttonClass } from "@/components/ui/button";
import type { ActionState } from "@/lib/auth/action";

type TeamOption = { id: string; name: string };

function SwitchError({ state }: { state: ActionState }) {
  return state.error ? (
    <p role="alert" className="mt-1 text-xs text-red-600">
      {state.error}
    </p>
  ) : null;
}

/** The sidebar's choice of team, for an account that belongs to more than one. */
export function TeamSwitcher({ teams, currentId }: { teams: TeamOption[]; currentId: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(switchTeamAction, {});
  return (
    <form action={action} className="mt-2" data-testid="team-switcher">
      <label htmlFor="team-switcher" className="sr-only">
        Team
      </label>
      <div className="flex gap-1">
        <select
          id="team-switcher"
          name="teamId"
          defaultValue={currentId}
          className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500"
        >
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
        <button type="submit" disabled={pending} className={buttonClass("secondary")}>
          {pending ? "Switching…" : "Switch"}
        </button>
      </div>
      <SwitchError state={state} />
    </form>
  );
}

/** One team's "Switch to" button, for the list of the account's teams. */
export function SwitchTeamButton({ team }: { team: TeamOption }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(switchTeamAction, {});
  return (
    <form action={action}>
      <input type="hidden" name="teamId" value={team.id} />
      <button type="submit" disabled={pending} className={buttonClass("secondary")} aria-label={`Switch to ${team.name}`}>
        {pending ? "Switching…" : "Switch to"}
      </button>
      <SwitchError state={state} />
    </form>
  );
}
