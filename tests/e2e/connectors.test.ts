/**
 * A new merchant connects its systems on the Connectors page against the vendor sandbox: HubSpot
 * through OAuth (approve, then deny), ActiveCampaign with an API key (wrong, then right), a
 * connection test and a removal.
 */
import { randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2e, launchBrowser, screenshot, signUp } from "./browser";

describe.skipIf(!e2e)("connecting systems", () => {
  let browser: Browser;
  let page: Page;
  const appUrl = e2e?.appUrl ?? "";
  const sandboxUrl = e2e?.sandboxUrl ?? "";
  const card = (provider: "netsuite" | "hubspot" | "activecampaign") => page.locator("section").filter({ has: page.getByTestId(`connector-${provider}`) });
  const connectionCount = () => page.locator('input[name="connectionId"]').evaluateAll((inputs) => new Set(inputs.map((i) => (i as HTMLInputElement).value)).size);

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage();
    await signUp(page, {
      name: "Cora Connect",
      teamName: "Cora's Rings",
      email: `connect-${randomUUID().slice(0, 8)}@shop.test`,
      password: "correct-horse-42",
    });
    await page.waitForURL(/\/overview$/);
  });
  afterAll(async () => browser?.close());

  it("starts with nothing connected", async () => {
    await page.goto(`${appUrl}/connectors`);
    for (const provider of ["netsuite", "hubspot", "activecampaign"] as const) {
      await card(provider).getByText("Not connected", { exact: true }).waitFor();
    }
    expect(await connectionCount()).toBe(0);
    await screenshot(page, "connectors-empty");
  });

  it("connects HubSpot through the sandbox consent page (Approve)", async () => {
    const hubspot = card("hubspot");
    await hubspot.locator('input[name="baseUrl"]').fill(sandboxUrl);
    await hubspot.getByRole("button", { name: "Connect with HubSpot" }).click();
    await page.waitForURL((url) => url.href.startsWith(sandboxUrl));
    await page.getByRole("button", { name: "Approve" }).waitFor();
    await screenshot(page, "hubspot-consent");
    await page.getByRole("button", { name: "Approve" }).click();
    await page.waitForURL(/\/connectors\?connected=hubspot$/);
    await page.getByText("HubSpot connected.").waitFor();
    await card("hubspot").getByText("Connected", { exact: true }).waitFor();
    await card("hubspot").getByText("OAuth 2.0").waitFor();
    expect(await connectionCount()).toBe(1);
    await screenshot(page, "connectors");
  });

  it("a denied consent shows a clear message and adds no connection", async () => {
    const hubspot = card("hubspot");
    await hubspot.getByRole("button", { name: "Reconnect" }).click();
    await hubspot.locator('input[name="baseUrl"]').fill(sandboxUrl);
    await hubspot.getByRole("button", { name: "Connect with HubSpot" }).click();
    await page.waitForURL((url) => url.href.startsWith(sandboxUrl));
    await page.getByRole("button", { name: "Deny" }).click();
    await page.waitForURL(/\/connectors\/error\?reason=denied/);
    const alert = page.getByTestId("oauth-error");
    await expect(alert.textContent()).resolves.toContain("Access was denied on the vendor's consent screen, so nothing was connected.");
    await expect(alert.textContent()).resolves.toContain("Nothing was stored.");
    await screenshot(page, "connectors-denied");
    await page.getByRole("link", { name: "Back to Connectors" }).click();
    await page.waitForURL(/\/connectors$/);
    // The URL changes before the page has rendered: wait for the card, then count.
    await card("hubspot").getByText("Connected", { exact: true }).waitFor();
    expect(await connectionCount()).toBe(1);
  });

  it("refuses a wrong ActiveCampaign key with a clear error and saves nothing", async () => {
    const ac = card("activecampaign");
    await ac.getByLabel("API URL", { exact: true }).fill(sandboxUrl);
    await ac.getByLabel("API key", { exact: true }).fill("not-the-right-key");
    await ac.getByRole("button", { name: "Verify and save" }).click();
    const alert = ac.getByRole("alert");
    await alert.waitFor();
    const message = (await alert.textContent()) ?? "";
    expect(message).toMatch(/ActiveCampaign|API key|refused|rejected|invalid/i);
    expect(message).not.toContain("not-the-right-key");
    // The key field is never filled back in; the URL is.
    expect(await ac.getByLabel("API key", { exact: true }).inputValue()).toBe("");
    await screenshot(page, "connectors-wrong-key");
    await page.reload();
    await card("activecampaign").getByText("Not connected", { exact: true }).waitFor();
    expect(await connectionCount()).toBe(1);
  });

  it("connects ActiveCampaign with the sandbox key and tests the connection", async () => {
    const ac = card("activecampaign");
    await ac.getByLabel("API URL", { exact: true }).fill(sandboxUrl);
    await ac.getByLabel("API key", { exact: true }).fill("sandbox-activecampaign-key");
    await ac.getByRole("button", { name: "Verify and save" }).click();
    await ac.getByText("Connected", { exact: true }).waitFor();
    expect(await connectionCount()).toBe(2);
    await ac.getByRole("button", { name: "Test" }).click();
    await ac.getByText(/^Connected to ActiveCampaign/).waitFor();
  });

  it("removes a connection and its card shows Not connected again", async () => {
    const hubspot = card("hubspot");
    await hubspot.getByRole("button", { name: "Remove", exact: true }).click();
    await hubspot.getByRole("button", { name: "Remove connection" }).click();
    await card("hubspot").getByText("Not connected", { exact: true }).waitFor();
    expect(await connectionCount()).toBe(1);
    await page.reload();
    await card("hubspot").getByText("Not connected", { exact: true }).waitFor();
    await card("activecampaign").getByText("Connected", { exact: true }).waitFor();
    await screenshot(page, "connectors-after-remove");
  });
});
