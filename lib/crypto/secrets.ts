import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Secrets at rest: AES-256-GCM with a fresh 12-byte IV per value and the 16-byte auth tag.
 * Envelope: `v1:<iv b64>:<tag b64>:<ciphertext b64>`.
 *
 * The key comes from ENCRYPTION_KEY (32 bytes as `b64:<base64>`, plain base64, or 64 hex chars).
 * Without it, the embedded default (no DATABASE_URL) generates one into `.data/encryption.key`
 * (mode 0600) on first start; production with DATABASE_URL refuses to start without it.
 */

const VERSION = "v1";

export class EncryptionKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EncryptionKeyError";
  }
}

/** Parses an ENCRYPTION_KEY value; throws an error naming the variable when it is not 32 bytes. */
export function parseEncryptionKey(raw: string): Buffer {
  const value = raw.trim();
  let key: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(value)) key = Buffer.from(value, "hex");
  else {
    const b64 = value.startsWith("b64:") ? value.slice(4) : value.startsWith("base64:") ? value.slice(7) : value;
    if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(b64)) key = Buffer.from(b64, "base64");
  }
  if (!key || key.length !== 32) {
    throw new EncryptionKeyError(
      "ENCRYPTION_KEY must be 32 bytes, given as `b64:<base64>`, base64 or 64 hex characters (generate one with `openssl rand -base64 32`).",
    );
  }
  return key;
}

export function encryptionKeyFile() {
  return process.env.ENCRYPTION_KEY_FILE ?? path.join(process.cwd(), ".data", "encryption.key");
}

const globalRef = globalThis as unknown as { __generatedEncryptionKey?: Buffer };

/** The key in force now (read from the environment on each call so tests can switch keys). */
export function getEncryptionKey(): Buffer {
  const raw = process.env.ENCRYPTION_KEY;
  if (raw && raw.trim()) return parseEncryptionKey(raw);
  if (process.env.DATABASE_URL && process.env.NODE_ENV === "production") {
    throw new EncryptionKeyError(
      "ENCRYPTION_KEY is not set. With DATABASE_URL in production, set ENCRYPTION_KEY to 32 random bytes (`b64:` + `openssl rand -base64 32`) so stored credentials can be encrypted.",
    );
  }
  if (globalRef.__generatedEncryptionKey) return globalRef.__generatedEncryptionKey;
  // The key file's path is only known at run time; the ignore markers stop the bundler tracing the whole project.
  const file = encryptionKeyFile();
  if (existsSync(/*turbopackIgnore: true*/ file)) {
    globalRef.__generatedEncryptionKey = parseEncryptionKey(readFileSync(/*turbopackIgnore: true*/ file, "utf8"));
  } else {
    mkdirSync(path.dirname(file), { recursive: true });
    const key = randomBytes(32);
    writeFileSync(file, `b64:${key.toString("base64")}\n`, { mode: 0o600, flag: "wx" });
    chmodSync(file, 0o600);
    globalRef.__generatedEncryptionKey = key;
  }
  return globalRef.__generatedEncryptionKey;
}

export function encryptSecret(plaintext: string, key: Buffer = getEncryptionKey()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString("base64"), tag.toString("base64"), ciphertext.toString("base64")].join(":");
}

const mismatch = () =>
  new EncryptionKeyError(
    "ENCRYPTION_KEY cannot decrypt stored credentials: the key differs from the one they were encrypted with. Restore the original ENCRYPTION_KEY, or remove and reconnect the connections.",
  );

export function decryptSecret(envelope: string, key: Buffer = getEncryptionKey()): string {
  const parts = envelope.split(":");
  if (parts.length !== 4 || parts[0] !== VERSION) throw mismatch();
  const [, ivB64, tagB64, dataB64] = parts;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(ivB64, "base64"));
    decipher.setAuthTag(Buffer.from(tagB64, "base64"));
    return Buffer.concat([decipher.update(Buffer.from(dataB64, "base64")), decipher.final()]).toString("utf8");
  } catch {
    throw mismatch();
  }
}

export function encryptJson(value: unknown, key?: Buffer): string {
  return encryptSecret(JSON.stringify(value), key);
}

export function decryptJson<T = unknown>(envelope: string, key?: Buffer): T {
  return JSON.parse(decryptSecret(envelope, key)) as T;
}

/**
 * Startup check: decrypts one stored connection's credentials (if any) with the current key.
 * Throws an EncryptionKeyError naming ENCRYPTION_KEY when the key is wrong or missing.
 */
export async function assertEncryptionKeyMatches(db: import("@/db").Db): Promise<void> {
  const { connections } = await import("@/db/schema");
  const key = getEncryptionKey();
  const [row] = await db.select({ credentials: connections.credentials }).from(connections).limit(1);
  if (row) decryptSecret(row.credentials, key);
}
