import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { teamMembers, teams, users } from "@/db/schema";
import { authenticate, SignInThrottledError, signInLimits } from "@/lib/auth/credentials";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { EmailTakenError, signUp, signUpSchema } from "@/lib/auth/sign-up";
import { assertProductionConfig } from "@/lib/config/startup";
import { testDb } from "../helpers/db";

const uniqueEmail = () => `u-${randomUUID().slice(0, 8)}@shop.test`;

describe("passwords", () => {
  it("are stored as salted scrypt hashes that verify only the right password", async () => {
    const stored = await hashPassword("correct-horse-42");
    expect(stored).not.toContain("correct-horse-42");
    expect(stored).not.toBe(await hashPassword("correct-horse-42"));
    expect(await verifyPassword("correct-horse-42", stored)).toBe(true);
    expect(await verifyPassword("correct-horse-43", stored)).toBe(false);
  });
});

describe("sign-up", () => {
  it("reports every invalid field at once", () => {
    const result = signUpSchema.safeParse({ name: "", teamName: "A", email: "nope", password: "short" });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((issue) => issue.path[0]);
    expect(new Set(paths)).toEqual(new Set(["name", "teamName", "email", "password"]));
  });

  it("creates the user as owner of a new team", async () => {
    const db = await testDb();
    const email = uniqueEmail();
    const { user, team } = await signUp(db, { name: "Ada", teamName: "Ada Shop", email, password: "correct-horse-42" });
    const [membership] = await db.select().from(teamMembers).where(eq(teamMembers.userId, user.id));
    expect(membership).toMatchObject({ teamId: team.id, role: "owner" });
  });

  it("refuses an email that exists and creates nothing", async () => {
    const db = await testDb();
    const email = uniqueEmail();
    await signUp(db, { name: "Ada", teamName: "First Shop", email, password: "correct-horse-42" });
    const teamCount = (await db.select().from(teams)).length;
    await expect(signUp(db, { name: "Bob", teamName: "Second Shop", email: email, password: "correct-horse-42" })).rejects.toBeInstanceOf(
      EmailTakenError,
    );
    expect((await db.select().from(teams)).length).toBe(teamCount);
    expect(await db.select().from(users).where(eq(users.email, email))).toHaveLength(1);
  });
});

describe("sign-in", () => {
  it("accepts the right password and refuses a wrong one or an unknown email", async () => {
    const db = await testDb();
    const email = uniqueEmail();
    await signUp(db, { name: "Ada", teamName: "Shop", email, password: "correct-horse-42" });
    await expect(authenticate(db, { email: email.toUpperCase(), password: "correct-horse-42" })).resolves.toMatchObject({ email });
    await expect(authenticate(db, { email, password: "wrong-password-1" })).resolves.toBeNull();
    await expect(authenticate(db, { email: uniqueEmail(), password: "whatever-123" })).resolves.toBeNull();
  });

  it("is throttled per email after too many attempts, even with the right password", async () => {
    const db = await testDb();
    const email = uniqueEmail();
    await signUp(db, { name: "Ada", teamName: "Shop", email, password: "correct-horse-42" });
    for (let i = 0; i < signInLimits.attempts; i++) await authenticate(db, { email, password: `guess-${i}` });
    await expect(authenticate(db, { email, password: "correct-horse-42" })).rejects.toBeInstanceOf(SignInThrottledError);
  });
});

describe("production configuration", () => {
  it("names AUTH_SECRET when it is missing or too short", () => {
    expect(() => assertProductionConfig({ NODE_ENV: "production" } as NodeJS.ProcessEnv)).toThrow(/AUTH_SECRET is not set/);
    expect(() => assertProductionConfig({ NODE_ENV: "production", AUTH_SECRET: "short" } as NodeJS.ProcessEnv)).toThrow(/AUTH_SECRET is too short/);
    expect(() => assertProductionConfig({ NODE_ENV: "production", AUTH_SECRET: "x".repeat(40) } as NodeJS.ProcessEnv)).not.toThrow();
  });
});
