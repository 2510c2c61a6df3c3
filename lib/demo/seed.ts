import { count } from "drizzle-orm";
import type { Db } from "@/db";
import { users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { connectTeamToSandbox } from "@/lib/connectors/sandbox-connections";
import { createTeam } from "@/lib/teams/create-team";

/** Shown on the sign-in page in demo mode and in the README. */
export const demoCredentials = { email: "demo@merchant.test", password: "demo-merchant-2026" } as const;

export function demoModeEnabled() {
  return process.env.DEMO_SEED !== "false";
}

/** On an empty database, creates the demo merchant (team, owner, stores, settings). */
export async function ensureDemoData(db: Db) {
  if (!demoModeEnabled()) return;
  const [{ value: userCount }] = await db.select({ value: count() }).from(users);
  if (userCount > 0) return;
  await db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ email: demoCredentials.email, name: "Demo Merchant", passwordHash: await hashPassword(demoCredentials.password) })
      .returning();
    const team = await createTeam(tx, { slug: "demo", name: "Demo Jewellery Co.", owner: { userId: user.id } });
    await connectTeamToSandbox(tx, team.id, process.env.SANDBOX_URL || "http://127.0.0.1:4010", user.id);
  });
}
