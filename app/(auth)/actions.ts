"use server";

import { AuthError } from "next-auth";
import { getDb } from "@/db";
import { fieldErrorsOf, formObject, formValues, type ActionState } from "@/lib/auth/action";
import { redirect } from "next/navigation";
import { auth, signIn, signOut } from "@/lib/auth/config";
import { signInSchema } from "@/lib/auth/credentials";
import { clearActiveTeam, setActiveTeam } from "@/lib/auth/session";
import { EmailTakenError, invitedSignUpSchema, signUp, signUpSchema, signUpWithInvitation } from "@/lib/auth/sign-up";
import { acceptInvitationAsUser, InvitationError } from "@/lib/teams/invitations";

function safeNext(next: unknown) {
  return typeof next === "string" && next.startsWith("/") && !next.startsWith("//") ? next : "/overview";
}

export async function signInAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = signInSchema.safeParse(formObject(formData));
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values: formValues(formData) };
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: safeNext(formData.get("next")) });
    return { ok: true };
  } catch (error) {
    if (error instanceof AuthError) {
      const throttled = "code" in error && error.code === "throttled";
      return {
        error: throttled ? "Too many sign-in attempts. Wait 15 minutes and try again." : "Email or password is incorrect.",
        values: formValues(formData),
      };
    }
    throw error; // the redirect after a successful sign-in
  }
}

export async function signUpAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  if (formData.get("invite")) return invitedSignUpAction(formData);
  const parsed = signUpSchema.safeParse(formObject(formData));
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values: formValues(formData) };
  try {
    await signUp(await getDb(), parsed.data);
  } catch (error) {
    if (error instanceof EmailTakenError) return { fieldErrors: { email: [error.message] }, values: formValues(formData) };
    throw error;
  }
  await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirectTo: "/overview" });
  return { ok: true };
}

/** Sign-up through an invite link: joins the inviting team with the invited role. */
async function invitedSignUpAction(formData: FormData): Promise<ActionState> {
  const parsed = invitedSignUpSchema.safeParse(formObject(formData));
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values: formValues(formData) };
  try {
    await signUpWithInvitation(await getDb(), parsed.data);
  } catch (error) {
    if (error instanceof EmailTakenError) return { fieldErrors: { email: [error.message] }, values: formValues(formData) };
    if (error instanceof InvitationError) {
      return {
        error: error.message,
        fieldErrors: error.reason === "email_mismatch" ? { email: ["Use the email address the invitation was sent to"] } : undefined,
        values: formValues(formData),
      };
    }
    throw error;
  }
  await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirectTo: "/overview" });
  return { ok: true };
}

/** A signed-in account accepts an invitation sent to its email, then sees the team it joined. */
export async function acceptInvitationAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const userId = (await auth())?.user?.id;
  if (!userId) return { error: "Sign in first, then open the invitation link again." };
  const token = formData.get("invite");
  try {
    const joined = await acceptInvitationAsUser(await getDb(), { token: typeof token === "string" ? token : "", userId });
    await setActiveTeam(joined.teamId);
  } catch (error) {
    if (error instanceof InvitationError) return { error: error.message };
    throw error;
  }
  redirect("/overview");
}

export async function signOutAction() {
  await clearActiveTeam();
  await signOut({ redirectTo: "/sign-in" });
}
