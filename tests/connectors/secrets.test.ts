import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createConnection } from "@/lib/connectors/connections";
import {
  assertEncryptionKeyMatches,
  decryptSecret,
  encryptSecret,
  getEncryptionKey,
  parseEncryptionKey,
} from "@/lib/crypto/secrets";
import { makeTeam, testDb } from "../helpers/db";

const original = { ...process.env };
afterEach(() => {
  process.env = { ...original };
  (globalThis as { __generatedEncryptionKey?: Buffer }).__generatedEncryptionKey = undefined;
});

describe("credential encryption (AES-256-GCM)", () => {
  it("round-trips and uses a fresh IV for every value", () => {
    const a = encryptSecret("pat-na1-secret-value");
    const b = encryptSecret("pat-na1-secret-value");
    expect(a).not.toEqual(b);
    expect(a).not.toContain("secret-value");
    expect(a.split(":")).toHaveLength(4);
    expect(Buffer.from(a.split(":")[1], "base64")).toHaveLength(12);
    expect(decryptSecret(a)).toBe("pat-na1-secret-value");
  });

  it("rejects a tampered value (auth tag) with an error naming ENCRYPTION_KEY", () => {
    const [v, iv, tag, data] = encryptSecret("hello world").split(":");
    const flipped = Buffer.from(data, "base64");
    flipped[0] ^= 1;
    expect(() => decryptSecret([v, iv, tag, flipped.toString("base64")].join(":"))).toThrow(/ENCRYPTION_KEY/);
  });

  it("accepts b64:, plain base64 and hex keys of 32 bytes and refuses others by name", () => {
    const raw = Buffer.alloc(32, 9);
    expect(parseEncryptionKey("b64:" + raw.toString("base64"))).toEqual(raw);
    expect(parseEncryptionKey(raw.toString("base64"))).toEqual(raw);
    expect(parseEncryptionKey(raw.toString("hex"))).toEqual(raw);
    expect(() => parseEncryptionKey("b64:" + Buffer.alloc(16).toString("base64"))).toThrow(/ENCRYPTION_KEY/);
  });

  it("a wrong key cannot decrypt stored credentials: a clear error naming ENCRYPTION_KEY, never garbage", async () => {
    const db = await testDb();
    const team = await makeTeam(db);
    await createConnection(db, {
      teamId: team.id,
      provider: "activecampaign",
      authKind: "api_key",
      baseUrl: "https://acme.api-us1.com",
      credentials: { kind: "api_key", apiKey: "ac-key-123456" },
    });
    await expect(assertEncryptionKeyMatches(db)).resolves.toBeUndefined();
    process.env.ENCRYPTION_KEY = "b64:" + Buffer.alloc(32, 8).toString("base64");
    await expect(assertEncryptionKeyMatches(db)).rejects.toThrow(/^ENCRYPTION_KEY cannot decrypt stored credentials/);
  });

  it("production with DATABASE_URL and no key is a startup error naming ENCRYPTION_KEY", () => {
    delete process.env.ENCRYPTION_KEY;
    process.env.DATABASE_URL = "postgres://x@localhost/y";
    (process.env as Record<string, string>).NODE_ENV = "production";
    expect(() => getEncryptionKey()).toThrow(/ENCRYPTION_KEY is not set/);
  });

  it("the embedded default generates .data/encryption.key with mode 0600 and reuses it", () => {
    delete process.env.ENCRYPTION_KEY;
    delete process.env.DATABASE_URL;
    const file = path.join(mkdtempSync(path.join(tmpdir(), "key-")), ".data", "encryption.key");
    process.env.ENCRYPTION_KEY_FILE = file;
    const key = getEncryptionKey();
    expect(key).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    (globalThis as { __generatedEncryptionKey?: Buffer }).__generatedEncryptionKey = undefined;
    expect(getEncryptionKey()).toEqual(key);
    expect(readFileSync(file, "utf8")).toMatch(/^b64:/);
  });
});
