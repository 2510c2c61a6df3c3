export class ConfigError extends Error {}

/** Configuration that must be right before serving anyone; each message names the variable. */
export function assertProductionConfig(env: NodeJS.ProcessEnv) {
  if (env.NODE_ENV !== "production") return;
  const secret = env.AUTH_SECRET;
  if (!secret) throw new ConfigError("AUTH_SECRET is not set: generate one with `openssl rand -base64 32`.");
  if (secret.length < 32) throw new ConfigError("AUTH_SECRET is too short: use at least 32 characters.");
}
