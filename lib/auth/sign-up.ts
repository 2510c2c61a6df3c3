import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db";
import { users } from "@/db/schema";
import { createTeam, slugFromName, teamNameSchema } from "@/lib/teams/create-team";
import { acceptInvitation } from "@/lib/teams/invitations";
import { hashPassword } from "./password";

export const signUpSchema = z.object({
  name: z.string().trim().min(1, "Enter your name").max(120),
  teamName: teamNameSchema,
  email: z.string().trim().toLowerCase().email("Enter a valid email address").max(254),
  password: z
    .string()
    .min(10, "Use at least 10 characters")
    .max(200, "Use at most 200 characters")
    .regex(/[a-zA-Z]/, "Include at least one letter")
    .regex(/[0-9]/, "Include at least one digit"),
});

export type SignUpInput = z.infer<typeof signUpSchema>;

/** Signing up through an invite link: no business name, the invitation says which team. */
export const invitedSignUpSchema = signUpSchema.omit({ teamName: true }).extend({
  invite: z.string().min(1, "The invitation link is incomplete").max(200),
});

export type InvitedSignUpInput = z.infer<typeof invitedSignUpSchema>;

export class EmailTakenError extends Error {
  constructor() {
    super("An account with this email already exists");
  }
}

/** Creates the user and their team (the tenant) with the user as owner, all or nothing. */
export async function signUp(db: Db, input: SignUpInput) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const existing = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).limit(1);
    if (existing.length) throw new EmailTakenError();
    const [user] = await tx.insert(users).values({ email: input.email, name: input.name, passwordHash }).returning();
    const team = await createTeam(tx, { slug: slugFromName(input.teamName), name: input.teamName, owner: { userId: user.id } });
    return { user, team };
  });
}

/**
 * Creates the user and joins the inviting team with the invited role, all or nothing: a refused
 * invitation (wrong email, used, expired, revoked) creates no user. Throws InvitationError.
 */
export async function signUpWithInvitation(db: Db, input: InvitedSignUpInput) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const existing = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).limit(1);
    if (existing.length) throw new EmailTakenError();
    const [user] = await tx.insert(users).values({ email: input.email, name: input.name, passwordHash }).returning();
    const joined = await acceptInvitation(tx, { token: input.invite, userId: user.id, email: input.email });
    return { user, team: { id: joined.teamId, name: joined.teamName }, role: joined.role };
  });
}
