"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { teamAction, type ActionState } from "@/lib/auth/action";
import { appOrigin } from "@/lib/auth/app-origin";
import { connectionNameSchema, connectWithCredentials, removeConnection, renameConnection, testConnection } from "@/lib/connectors/connections";
import type { Credentials } from "@/lib/connectors/credentials";
import { redirectUriFor, startOAuthInstall } from "@/lib/connectors/oauth";

// Secret fields are read from the form and never put back into the action state.

const optionalUrl = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))
  .refine((v) => v === undefined || /^https?:\/\/[^\s]+$/i.test(v), "Enter a full URL starting with https://");
const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));
const accountIdSchema = z
  .string()
  .trim()
  .min(1, "Enter the NetSuite account ID")
  .max(60)
  .regex(/^[A-Za-z0-9_-]+$/, "Account IDs are letters, digits and underscores (for example 1234567_SB1)");

const oauthStartSchema = z.discriminatedUnion("provider", [
  z.object({ provider: z.literal("hubspot"), baseUrl: optionalUrl, name: optionalText }),
  z.object({ provider: z.literal("netsuite"), accountId: accountIdSchema, baseUrl: optionalUrl, name: optionalText }),
]);

/** Starts an OAuth install and sends the browser to the vendor's consent screen. */
export const startOAuthAction = teamAction(
  oauthStartSchema,
  async (input, { db, team, user }) => {
    let authorizeUrl: string;
    try {
      ({ authorizeUrl } = await startOAuthInstall(db, {
        teamId: team.id,
        userId: user.id,
        provider: input.provider,
        redirectUri: redirectUriFor(input.provider, await appOrigin()),
        accountId: input.provider === "netsuite" ? input.accountId : undefined,
        baseUrl: input.baseUrl,
        name: input.name,
      }));
    } catch (error) {
      return { error: error instanceof Error ? error.message : "Could not start the connection" };
    }
    redirect(authorizeUrl);
  },
  { minRole: "admin" },
);

const credentialSchema = z.discriminatedUnion("mode", [
  z.object({
    mode: z.literal("hubspot-token"),
    accessToken: z.string().trim().min(1, "Paste the private app's access token"),
    baseUrl: optionalUrl,
    name: optionalText,
  }),
  z.object({
    mode: z.literal("netsuite-tba"),
    accountId: accountIdSchema,
    consumerKey: z.string().trim().min(1, "Enter the consumer key"),
    consumerSecret: z.string().trim().min(1, "Enter the consumer secret"),
    tokenId: z.string().trim().min(1, "Enter the token ID"),
    tokenSecret: z.string().trim().min(1, "Enter the token secret"),
    baseUrl: optionalUrl,
    name: optionalText,
  }),
  z.object({
    mode: z.literal("activecampaign-key"),
    apiUrl: z
      .string()
      .trim()
      .min(1, "Enter your API URL (Settings → Developer)")
      .regex(/^https?:\/\/[^\s]+$/i, "Enter a full URL such as https://youraccount.api-us1.com"),
    apiKey: z.string().trim().min(1, "Enter your API key"),
    name: optionalText,
  }),
]);

/** Connects with static credentials after the vendor accepted them in a real call. */
export const connectWithCredentialsAction = teamAction(
  credentialSchema,
  async (input, { db, team, user }): Promise<ActionState> => {
    let provider: "hubspot" | "netsuite" | "activecampaign";
    let credentials: Credentials;
    let baseUrl: string | undefined;
    let accountId: string | undefined;
    if (input.mode === "hubspot-token") {
      provider = "hubspot";
      credentials = { kind: "token", accessToken: input.accessToken };
      baseUrl = input.baseUrl;
    } else if (input.mode === "netsuite-tba") {
      provider = "netsuite";
      credentials = { kind: "tba", consumerKey: input.consumerKey, consumerSecret: input.consumerSecret, tokenId: input.tokenId, tokenSecret: input.tokenSecret };
      baseUrl = input.baseUrl;
      accountId = input.accountId;
    } else {
      provider = "activecampaign";
      credentials = { kind: "api_key", apiKey: input.apiKey };
      baseUrl = input.apiUrl;
    }
    const result = await connectWithCredentials(db, {
      teamId: team.id,
      userId: user.id,
      provider,
      authKind: credentials.kind,
      baseUrl,
      accountId,
      name: input.name,
      credentials,
    });
    if (!result.ok) return { error: result.message };
    revalidatePath("/connectors");
    return { ok: true, message: `${result.connection.providerName} connected.` };
  },
  { minRole: "admin" },
);

const idSchema = z.object({ connectionId: z.string().uuid("Unknown connection") });

export const testConnectionAction = teamAction(idSchema, async ({ connectionId }, { db, team, user }) => {
  const result = await testConnection(db, { teamId: team.id, userId: user.id, connectionId });
  revalidatePath("/connectors");
  return result.ok ? { ok: true, message: result.message } : { error: result.message };
});

export const renameConnectionAction = teamAction(
  idSchema.extend({ name: connectionNameSchema }),
  async ({ connectionId, name }, { db, team, user }) => {
    const view = await renameConnection(db, { teamId: team.id, userId: user.id, connectionId, name });
    if (!view) return { error: "Connection not found" };
    revalidatePath("/connectors");
    return { ok: true, message: `Renamed to ${view.name}.` };
  },
  { minRole: "admin" },
);

export const removeConnectionAction = teamAction(
  idSchema,
  async ({ connectionId }, { db, team, user }) => {
    const removed = await removeConnection(db, { teamId: team.id, userId: user.id, connectionId });
    if (!removed) return { error: "Connection not found" };
    revalidatePath("/connectors");
    return { ok: true, message: "Connection removed. Its stored credentials were deleted." };
  },
  { minRole: "admin" },
);
