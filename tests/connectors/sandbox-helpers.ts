import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { connections, users } from "@/db/schema";
import { startSandbox } from "@/sandbox/server";
import { sandboxControl } from "../helpers/sandbox";

export { sandboxControl as control };

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

export async function makeUser(db: Db) {
  const [user] = await db
    .insert(users)
    .values({ email: `u-${randomUUID().slice(0, 8)}@test.dev`, passwordHash: "x" })
    .returning();
  return user;
}

export async function connectionRow(db: Db, teamId: string, provider: "netsuite" | "hubspot" | "activecampaign") {
  const rows = await db.select().from(connections).where(eq(connections.teamId, teamId));
  return rows.find((r) => r.provider === provider);
}

/** Plays the browser on the sandbox consent page: GET authorize URL, submit Approve or Deny, return the redirect. */
export async function consent(authorizeUrl: string, decision: "approve" | "deny"): Promise<URL> {
  const page = await fetch(authorizeUrl, { redirect: "manual" });
  if (page.status !== 200) throw new Error(`authorize page: ${page.status} ${await page.text()}`);
  const html = await page.text();
  const forms = [...html.matchAll(/<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/g)];
  const form = forms.find((f) => f[2].includes(`value="${decision}"`)) ?? forms[0];
  if (!form) throw new Error("no consent form");
  const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  const fields = new URLSearchParams();
  for (const input of form[2].matchAll(/<input[^>]*name="([^"]*)"[^>]*value="([^"]*)"[^>]*>/g)) fields.append(unescape(input[1]), unescape(input[2]));
  const action = new URL(unescape(form[1]), authorizeUrl);
  const res = await fetch(action, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: fields.toString(),
    redirect: "manual",
  });
  const location = res.headers.get("location");
  if (res.status !== 302 || !location) throw new Error(`consent submit: ${res.status} ${await res.text()}`);
  return new URL(location);
}
