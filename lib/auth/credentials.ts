import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db";
import { users } from "@/db/schema";
import { verifyPassword } from "./password";
import { consumeRateLimit } from "./rate-limit";

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address"),
  password: z.string().min(1, "Enter your password").max(200),
});

export const signInLimits = { attempts: 10, windowMs: 15 * 60 * 1000 };

export class SignInThrottledError extends Error {
  constructor(readonly retryAt: Date) {
    super("Too many sign-in attempts. Try again in a few minutes.");
  }
}

/** Checks an email and password; throttled per email so guessing a password is slow. */
export async function authenticate(db: Db, raw: unknown) {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const limit = await consumeRateLimit(db, `sign-in:${email}`, signInLimits.attempts, signInLimits.windowMs);
  if (!limit.allowed) throw new SignInThrottledError(limit.resetAt);
  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  // Hash even when the user is unknown so timing does not reveal which emails exist.
  const ok = await verifyPassword(password, user?.passwordHash ?? "scrypt$32768$AAAAAAAAAAAAAAAAAAAAAA==$AAAA");
  if (!user || !ok) return null;
  return { id: user.id, email: user.email, name: user.name };
}
