/**
 * Runs once when the server starts. Refuses to serve with a configuration that would fail later:
 * no usable AUTH_SECRET in production, or an ENCRYPTION_KEY that cannot decrypt the stored
 * credentials (each error names its variable).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { assertProductionConfig } = await import("@/lib/config/startup");
  assertProductionConfig(process.env);
  const [{ getDb }, { assertEncryptionKeyMatches }] = await Promise.all([import("@/db"), import("@/lib/crypto/secrets")]);
  await assertEncryptionKeyMatches(await getDb());
}
