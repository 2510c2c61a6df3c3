/** Runs once when the server starts: refuse to run in production without a usable AUTH_SECRET. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { assertProductionConfig } = await import("@/lib/config/startup");
  assertProductionConfig(process.env);
}
