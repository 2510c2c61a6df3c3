import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2e, launchBrowser, runFromWorkflowsPage, screenshot, signIn } from "./browser";

/**
 * The Overview and Promotions pages as the demo merchant (connected to the sandbox): the initial
 * state, then the figures after Extract and Promote have run from the Workflows page.
 */
describe.skipIf(!e2e)("overview and promotions", () => {
  let browser: Browser;
  let page: Page;

  const text = async (testId: string) => ((await page.getByTestId(testId).locator("[data-value]").first().textContent()) ?? "").trim();
  /** "1,234" / "1 234" -> 1234 */
  const int = (value: string) => Number(value.replace(/[^\d]/g, ""));
  const segments = ["premium", "volume", "today", "seven_day", "none", "opted_out"];

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page, "demo@merchant.test", "demo-merchant-2026");
  });
  afterAll(async () => browser?.close());

  it("shows the initial overview honestly: connectors, runs and the next step", async () => {
    await page.goto(`${e2e!.appUrl}/overview`);
    for (const id of ["stat-customers", "stat-orders", "stat-revenue", "stat-aov", "stat-repeat-rate"]) await page.getByTestId(id).waitFor();
    for (const rule of segments) await page.getByTestId(`segment-${rule}`).waitFor();
    expect(await page.getByTestId("connector-netsuite").textContent()).toContain("Connected");
    expect(await page.getByTestId("connector-hubspot").textContent()).toContain("Connected");
    if (int(await text("stat-orders")) === 0) {
      // Nothing extracted yet (this file ran first): the page says what to do next.
      await page.getByText("No orders on the promotion list yet").waitFor();
      expect(await page.getByRole("link", { name: "Run Extract" }).first().getAttribute("href")).toBe("/workflows");
      expect(await text("stat-revenue")).toContain("0.00");
      expect(await text("stat-aov")).toBe("—");
      for (const rule of segments) expect(int(await text(`segment-${rule}`))).toBe(0);
      await page.goto(`${e2e!.appUrl}/promotions`);
      await page.getByText("Nobody on the promotion list yet").waitFor();
      expect(await page.getByTestId("decision-row").count()).toBe(0);
      await screenshot(page, "promotions-empty");
    }
  });

  it("shows exact, consistent figures after Extract and Promote", async () => {
    await page.goto(`${e2e!.appUrl}/workflows`);
    expect((await runFromWorkflowsPage(page, "extract")).status).toBe("succeeded");
    expect((await runFromWorkflowsPage(page, "promote")).status).toBe("succeeded");

    await page.goto(`${e2e!.appUrl}/overview`);
    const customers = int(await text("stat-customers"));
    const orders = int(await text("stat-orders"));
    expect(customers).toBeGreaterThan(0);
    expect(orders).toBeGreaterThanOrEqual(customers);
    expect(await text("stat-revenue")).toMatch(/£[\d,]+\.\d{2}/);
    expect(await text("stat-repeat-rate")).toMatch(/%$/);
    await expect(page.getByText("No orders on the promotion list yet").count()).resolves.toBe(0);

    // The screen-reader tables carry the same figures as the tiles.
    const perDay = await page.locator("table.sr-only", { hasText: "Orders and revenue per day" }).locator("tbody tr td:nth-of-type(1)").allTextContents();
    expect(perDay.reduce((sum, n) => sum + int(n), 0)).toBe(orders);
    const frequency = await page.locator("table.sr-only", { hasText: "Customers by number of orders" }).locator("tbody tr td").allTextContents();
    expect(frequency.reduce((sum, n) => sum + int(n), 0)).toBe(customers);
    const spend = await page.locator("table.sr-only", { hasText: "Customers by spend" }).locator("tbody tr td").allTextContents();
    expect(spend.reduce((sum, n) => sum + int(n), 0)).toBe(customers);

    // Segments: every customer on the list falls in exactly one.
    const sizes = Object.fromEntries(await Promise.all(segments.map(async (r) => [r, int(await text(`segment-${r}`))] as const)));
    expect(Object.values(sizes).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(customers);
    expect(await page.getByTestId("last-run-extract").textContent()).toContain("succeeded");
    expect(await page.getByTestId("last-run-promote").textContent()).toContain("succeeded");
    // The charts drew (client components hydrated with the server's figures).
    await page.locator(".recharts-surface").first().waitFor({ timeout: 15_000 });
    expect(await page.locator(".recharts-surface").count()).toBeGreaterThanOrEqual(3);
    await screenshot(page, "overview");

    // A segment tile leads to that segment's decisions, one row per customer.
    const rule = segments.find((r) => sizes[r] > 0 && sizes[r] <= 50)!;
    await page.getByTestId(`segment-${rule}`).click();
    await page.waitForURL(new RegExp(`/promotions\\?segment=${rule}$`));
    await page.getByTestId("decision-row").first().waitFor();
    expect(await page.getByTestId("decision-row").count()).toBe(sizes[rule]);
    expect(new Set(await page.getByTestId("decision-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-rule"))))).toEqual(new Set([rule]));
  });

  it("previews today's decisions with reasons, filters by segment and lists the promotions taken", async () => {
    await page.goto(`${e2e!.appUrl}/promotions`);
    await page.getByTestId("decision-row").first().waitFor();
    const all = await page.getByTestId("decision-row").count();
    expect(all).toBeGreaterThan(0);
    expect(all).toBeLessThanOrEqual(50);
    expect(await page.getByTestId("decision-reason").first().textContent()).toMatch(/^(Premium|Volume|Today|Seven day|No promotion|Not promoted)/);

    await page.getByLabel("Segment").selectOption("premium");
    await page.getByRole("button", { name: "Show" }).click();
    await page.waitForURL(/segment=premium/);
    await page.getByTestId("decision-row").first().waitFor();
    const premium = await page.getByTestId("decision-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-rule")));
    expect(premium.every((r) => r === "premium")).toBe(true);

    // Promote ran: its actions are listed, newest first, with the vendor records they made.
    const actions = page.getByTestId("action-row");
    expect(await actions.count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="action-row"][data-status="done"]').count()).toBeGreaterThan(0);
    const history = (await page.locator("table", { hasText: "Promotions taken" }).textContent()) ?? "";
    expect(history).toMatch(/HubSpot (task|contact)|ActiveCampaign contact/);
    // The sandbox is not HubSpot's production API: HubSpot ids show as text; ActiveCampaign links use the account URL.
    const acLinks = await page.locator('[data-testid="action-row"] a', { hasText: "ActiveCampaign contact" }).evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    for (const href of acLinks) expect(href).toMatch(/\/app\/contacts\/\d+$/);
    expect(await page.locator('[data-testid="action-row"] a', { hasText: "HubSpot" }).count()).toBe(0);
    await page.getByLabel("Segment").selectOption("");
    await page.getByRole("button", { name: "Show" }).click();
    await page.waitForURL(/\/promotions(\?segment=)?$/);
    await page.locator('[data-testid="decision-row"]:not([data-rule="premium"])').first().waitFor();
    await screenshot(page, "promotions");
  });

  it("fits a phone screen", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${e2e!.appUrl}/overview`);
    await page.getByTestId("stat-orders").waitFor();
    await page.locator(".recharts-surface").first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await screenshot(page, "overview-phone");
    await page.goto(`${e2e!.appUrl}/promotions`);
    await page.getByTestId("decision-row").first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
    await screenshot(page, "promotions-phone");
  });
});
