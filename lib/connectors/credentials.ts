import { z } from "zod";
import { decryptJson, encryptJson } from "@/lib/crypto/secrets";

/** What a connection stores, encrypted as one AES-256-GCM envelope in `connections.credentials`. */
export const credentialsSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("oauth2"),
    accessToken: z.string().min(1),
    refreshToken: z.string().optional(),
    tokenType: z.string().optional(),
  }),
  z.object({ kind: z.literal("token"), accessToken: z.string().min(1) }),
  z.object({ kind: z.literal("api_key"), apiKey: z.string().min(1) }),
  z.object({
    kind: z.literal("tba"),
    consumerKey: z.string().min(1),
    consumerSecret: z.string().min(1),
    tokenId: z.string().min(1),
    tokenSecret: z.string().min(1),
  }),
]);
export type Credentials = z.infer<typeof credentialsSchema>;

export function sealCredentials(credentials: Credentials): string {
  return encryptJson(credentialsSchema.parse(credentials));
}

/** Decrypts a stored envelope; a wrong key throws the EncryptionKeyError naming ENCRYPTION_KEY. */
export function openCredentials(envelope: string): Credentials {
  return credentialsSchema.parse(decryptJson(envelope));
}

/** Every secret value in a credentials object (for redaction). */
export function secretValues(credentials: Credentials): string[] {
  switch (credentials.kind) {
    case "oauth2":
      return [credentials.accessToken, credentials.refreshToken ?? ""];
    case "token":
      return [credentials.accessToken];
    case "api_key":
      return [credentials.apiKey];
    case "tba":
      return [credentials.consumerSecret, credentials.tokenSecret, credentials.tokenId, credentials.consumerKey];
  }
}
