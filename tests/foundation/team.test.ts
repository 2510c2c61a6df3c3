import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { counterStores, objectStores, workflowSettings } from "@/db/schema";
import { makeTeam, testDb } from "../helpers/db";

describe("createTeam", () => {
  it("gives a new team the tutorial's stores and default settings", async () => {
    const db = await testDb();
    const team = await makeTeam(db);
    const stores = await db.select().from(objectStores).where(eq(objectStores.teamId, team.id));
    expect(stores.map((s) => s.name)).toEqual(["Dynamic Promotion List"]);
    expect(stores[0].fields).toContain("Subscription Status");
    const counterNames = (await db.select().from(counterStores).where(eq(counterStores.teamId, team.id))).map((s) => s.name);
    expect(counterNames.sort()).toEqual(["Accumulated Order Amount", "Accumulated Order Number"]);
    const [settings] = await db.select().from(workflowSettings).where(eq(workflowSettings.teamId, team.id));
    expect(settings.settings).toMatchObject({ storeLocation: "London", premiumThreshold: 1000 });
  });
});
