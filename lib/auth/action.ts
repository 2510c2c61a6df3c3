import "server-only";
import { z } from "zod";
import type { MemberRole } from "@/db/schema";
import { getSessionTeam, type TeamContext } from "./session";

export type ActionState = {
  ok?: boolean;
  message?: string;
  error?: string;
  fieldErrors?: Record<string, string[]>;
  /** What the user typed, so a form can be shown again; never includes secret fields. */
  values?: Record<string, string>;
};

const secretFieldPattern = /password|secret|token|key/i;

export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of formData.entries()) {
    if (typeof value === "string" && !name.startsWith("$") && !secretFieldPattern.test(name)) values[name] = value;
  }
  return values;
}

/** Every field's messages, keyed by dotted path (not only the first error). */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const path = issue.path.join(".") || "_form";
    (out[path] ??= []).push(issue.message);
  }
  return out;
}

/** Turns FormData into a plain object; repeated names become arrays. */
export function formObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of formData.entries()) {
    if (name.startsWith("$") || typeof value !== "string") continue;
    const existing = out[name];
    out[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}

const roleRank: Record<MemberRole, number> = { member: 0, admin: 1, owner: 2 };

/**
 * The one wrapper for server actions on team data: resolves the signed-in user and team, checks
 * the role, validates the form with zod and reports every field error.
 */
export function teamAction<S extends z.ZodType>(
  schema: S,
  handler: (input: z.infer<S>, ctx: TeamContext) => Promise<ActionState | void>,
  options: { minRole?: MemberRole } = {},
) {
  return async (_prev: ActionState, formData: FormData): Promise<ActionState> => {
    const ctx = await getSessionTeam();
    if (!ctx) return { error: "Your session has ended. Sign in again." };
    if (options.minRole && roleRank[ctx.role] < roleRank[options.minRole]) {
      return { error: `Only a team ${options.minRole} can do this.` };
    }
    const parsed = schema.safeParse(formObject(formData));
    if (!parsed.success) {
      return { error: "Please correct the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error), values: formValues(formData) };
    }
    return (await handler(parsed.data, ctx)) ?? { ok: true };
  };
}
