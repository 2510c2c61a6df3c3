import { describe, expect, it } from "vitest";
import { createObjectStore, getObjectStore } from "@/lib/storage/object-stores";
import { StorageValidationError } from "@/lib/storage/errors";
import { parseFieldList, validateObjectData } from "@/lib/storage/fields";
import { makeTeam, testDb } from "../helpers/db";

describe("parseFieldList", () => {
  it("trims, drops empty entries and de-duplicates case-insensitively (first spelling wins)", () => {
    expect(parseFieldList(" Contact Name , Email Address,, email address ,Reference, ")).toEqual({
      ok: true,
      fields: ["Contact Name", "Email Address", "Reference"],
    });
  });

  it("refuses an empty list", () => {
    expect(parseFieldList(" , ,")).toEqual({ ok: false, errors: ["Give at least one field name, separated by commas"] });
  });

  it("names each field that is too long", () => {
    const long = "x".repeat(65);
    const result = parseFieldList(`Name, ${long}, Email, ${"y".repeat(70)}`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      `Field 2 ("${"x".repeat(20)}…") is 65 characters; the limit is 64`,
      `Field 4 ("${"y".repeat(20)}…") is 70 characters; the limit is 64`,
    ]);
    expect(parseFieldList("a".repeat(64)).ok).toBe(true);
  });

  it("refuses more than 50 fields", () => {
    const fields = Array.from({ length: 51 }, (_, i) => `Field ${i}`).join(",");
    expect(parseFieldList(fields)).toEqual({ ok: false, errors: ["51 fields given; the limit is 50"] });
    expect(parseFieldList(Array.from({ length: 50 }, (_, i) => `F${i}`).join(",")).ok).toBe(true);
  });

  it("refuses control characters", () => {
    const result = parseFieldList("Good, Bad\u0007Name");
    expect(result).toEqual({ ok: false, errors: ['Field 2 ("Bad?Name") contains a control character'] });
  });
});

describe("validateObjectData", () => {
  const fields = ["Contact Name", "Email Address", "Purchase Amount"];
  it("accepts known fields in any case and returns the store's spelling", () => {
    expect(validateObjectData(fields, { "email address": "a@b.c", "Purchase Amount": "1.50" })).toEqual({
      ok: true,
      data: { "Email Address": "a@b.c", "Purchase Amount": "1.50" },
    });
  });
  it("refuses unknown fields and bad values, all at once", () => {
    const result = validateObjectData(fields, { Colour: "red", "Contact Name": { first: "Ann" }, "Purchase Amount": Infinity });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.Colour[0]).toBe('Unknown field "Colour"; this store has: Contact Name, Email Address, Purchase Amount');
    expect(result.errors["Contact Name"]).toEqual(['"Contact Name" must be text, a number, true/false or empty']);
    expect(result.errors["Purchase Amount"]).toEqual(['"Purchase Amount" must be a finite number']);
  });
  it("refuses a non-object record", () => {
    expect(validateObjectData(fields, ["a"])).toEqual({ ok: false, errors: { data: ["A record is an object of field names to values"] } });
  });
});

describe("createObjectStore", () => {
  it("creates a store from the setup form's comma-separated list", async () => {
    const db = await testDb();
    const team = await makeTeam(db);
    const store = await createObjectStore(db, team.id, { name: " Wishlist ", description: "Saved items", fields: "Email, SKU, sku , Added On" });
    expect(store).toMatchObject({ name: "Wishlist", description: "Saved items", fields: ["Email", "SKU", "Added On"] });
    expect((await getObjectStore(db, team.id, store.id))?.id).toBe(store.id);
  });

  it("answers field by field and refuses a duplicate name", async () => {
    const db = await testDb();
    const team = await makeTeam(db);
    const error = await createObjectStore(db, team.id, { name: "", fields: ",," }).catch((e) => e);
    expect(error).toBeInstanceOf(StorageValidationError);
    expect(error.fieldErrors).toEqual({ name: ["Give the store a name"], fields: ["Give at least one field name, separated by commas"] });

    await createObjectStore(db, team.id, { name: "Returns", fields: "Key" });
    const dup = await createObjectStore(db, team.id, { name: "Returns", fields: "Key" }).catch((e) => e);
    expect(dup.fieldErrors).toEqual({ name: ['A store named "Returns" already exists'] });
    // Another team may use the same name.
    const other = await makeTeam(db);
    await expect(createObjectStore(db, other.id, { name: "Returns", fields: "Key" })).resolves.toMatchObject({ name: "Returns" });
  });
});
