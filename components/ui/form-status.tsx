import type { ActionState } from "@/lib/auth/action";

/** The form-level outcome of a server action (field errors are shown beside their fields). */
export function FormStatus({ state }: { state: ActionState }) {
  if (state.error) return <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{state.error}</p>;
  if (state.ok && state.message) return <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-700">{state.message}</p>;
  return null;
}
