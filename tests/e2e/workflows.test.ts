import { randomUUID } from "node:crypto";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2e, launchBrowser, runFromWorkflowsPage, screenshot, signIn, signUp } from "./browser";

/** Drives the Workflows pages as the demo merchant (connected to the sandbox, in-process mode). */
describe.skipIf(!e2e)("workflows dashboard", () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let extractRunId = "";

  const sandbox = (path: string, method = "POST", body?: unknown) =>
    fetch(`${e2e!.sandboxUrl}${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  const rows = (workflow: string) => page.locator(`[data-testid="recent-runs-${workflow}"] [data-testid="run-row"]`);

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    await signIn(page, "demo@merchant.test", "demo-merchant-2026");
  });
  afterAll(async () => {
    await sandbox("/_sandbox/faults", "DELETE").catch(() => {});
    await browser?.close();
  });

  it("shows the three workflows, the in-process mode and each schedule's next runs", async () => {
    await page.goto(`${e2e!.appUrl}/workflows`);
    expect(await page.getByTestId("workflow-mode").getAttribute("data-mode")).toBe("in_process");
    expect(await page.getByTestId("workflow-mode").textContent()).toContain("npx inngest-cli@latest dev");
    for (const wf of ["extract", "promote", "expire"]) {
      await page.getByTestId(`workflow-card-${wf}`).waitFor();
      expect(await page.getByTestId(`next-runs-${wf}`).locator("li").count()).toBe(3);
    }
    expect(await page.getByTestId("workflow-diagram-extract").textContent()).toContain("London");
    expect(await page.getByTestId("workflow-diagram-promote").textContent()).toContain("Seven Day Promotion");
  });

  it("a failing extract shows live progress, then the error in plain words; Retry runs it again", async () => {
    // Other test files may have extracted the demo data already: a new London order, modified now,
    // makes sure this extract has something to fetch whatever ran before.
    const n = Date.now() % 1_000_000;
    const added = await sandbox("/_sandbox/netsuite/records", "POST", {
      customers: [{ id: 900_000 + n, firstName: "Eve", lastName: "Fresh", email: `eve-${n}@e2e.test`, isPerson: true }],
      salesOrders: [
        {
          id: 900_000 + n,
          tranId: `SOE2E${n}`,
          tranDate: new Date().toISOString().slice(0, 10),
          lastModifiedDate: new Date(Date.now() - 1000).toISOString(),
          customerId: 900_000 + n,
          locationId: 1,
          lines: [{ quantity: 1, rate: 120 }],
        },
      ],
    });
    expect(added.ok).toBe(true);
    // NetSuite answers every API call with 500: the client retries with backoff, then the run fails.
    expect((await sandbox("/_sandbox/faults", "POST", { vendor: "netsuite", errorRate: 1 })).ok).toBe(true);
    const before = (await rows("extract").count()) > 0 ? await rows("extract").first().getAttribute("data-run-id") : null;
    await page.getByTestId("run-now-extract").click();
    const progress = page.getByTestId("run-progress-extract");
    await progress.waitFor({ timeout: 30_000 });
    expect(await progress.getAttribute("data-run-id")).not.toBe(before);
    const failedRunId = (await progress.getAttribute("data-run-id"))!;
    await page.locator(`[data-testid="run-row"][data-run-id="${failedRunId}"][data-status="failed"]`).waitFor({ timeout: 90_000 });

    await page.locator(`[data-testid="run-row"][data-run-id="${failedRunId}"] [data-testid="run-link"]`).click();
    await page.waitForURL(new RegExp(`/workflows/runs/${failedRunId}$`));
    expect(await page.getByTestId("run-status").getAttribute("data-status")).toBe("failed");
    expect(await page.getByTestId("run-error").textContent()).toContain("NetSuite");
    expect(await page.locator('[data-testid="run-step"][data-status="failed"]').count()).toBe(1);
    await screenshot(page, "workflow-run-failed");

    expect((await sandbox("/_sandbox/faults", "DELETE")).ok).toBe(true);
    await page.getByTestId("retry-run").click();
    await page.waitForURL((url) => /\/workflows\/runs\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.endsWith(failedRunId));
    await page.locator('[data-testid="run-status"][data-status="succeeded"]').waitFor({ timeout: 90_000 });
    extractRunId = page.url().split("/").pop()!;
    expect(await page.getByText("the failed run").getAttribute("href")).toBe(`/workflows/runs/${failedRunId}`);
  });

  it("runs extract and promote with Run now and shows their counts; a dry run writes nothing", async () => {
    await page.goto(`${e2e!.appUrl}/workflows`);
    const extract = await runFromWorkflowsPage(page, "extract");
    expect(extract.status).toBe("succeeded");
    expect(extract.text).toMatch(/\d+\s*fetched/);
    // Everything was already stored by the retried run: a second extract reads only what changed since.
    const promote = await runFromWorkflowsPage(page, "promote");
    expect(promote.status).toBe("succeeded");
    expect(promote.text).toMatch(/[1-9]\d*\s*customers/);
    expect(promote.text).toMatch(/\d+\s*promoted/);
    const dry = await runFromWorkflowsPage(page, "promote", "dry-run-promote");
    expect(dry.status).toBe("succeeded");
    expect(dry.text).toContain("Dry run");
    expect(dry.text).toMatch(/would promote/);
    await screenshot(page, "workflows");
  });

  it("turns a schedule off and on again", async () => {
    const toggle = page.getByTestId("schedule-toggle-expire");
    expect(await toggle.getAttribute("aria-checked")).toBe("true");
    await toggle.click();
    await page.locator('[data-testid="schedule-toggle-expire"][aria-checked="false"]').waitFor();
    expect(await page.getByTestId("workflow-card-expire").textContent()).toContain("Manual only");
    await page.getByTestId("schedule-toggle-expire").click();
    await page.locator('[data-testid="schedule-toggle-expire"][aria-checked="true"]').waitFor();
    // Both changes are in the activity trail.
    await page.goto(`${e2e!.appUrl}/activity?action=workflow.`);
    await page.locator('[data-testid="activity-row"][data-action="workflow.schedule_disabled"]').first().waitFor();
    await page.locator('[data-testid="activity-row"][data-action="workflow.schedule_enabled"]').first().waitFor();
    await page.goto(`${e2e!.appUrl}/workflows`);
  });

  it("opens an extract run: steps with durations, counts per outcome, quarantined records", async () => {
    await page.goto(`${e2e!.appUrl}/workflows/runs/${extractRunId}`);
    expect(await page.getByTestId("run-status").getAttribute("data-status")).toBe("succeeded");
    const steps = page.getByTestId("run-step");
    expect(await steps.count()).toBeGreaterThanOrEqual(2);
    expect(await steps.first().getAttribute("data-step-id")).toBe("plan");
    const fetched = await page.getByTestId("count-fetched").textContent();
    expect(fetched).toMatch(/Sales orders fetched\s*[1-9]/);
    expect(await page.getByTestId("run-counts").textContent()).toContain("Added to the list");
    // The demo data holds customers without an email: extract quarantines their orders with the reason.
    const quarantined = page.getByTestId("quarantined-record");
    if ((await quarantined.count()) > 0) expect(await quarantined.first().textContent()).toMatch(/email|customer|amount|date/i);
    await screenshot(page, "workflow-run");
  });

  it("fits a phone screen without sideways scrolling", async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, storageState: await context.storageState() });
    for (const path of ["/workflows", `/workflows/runs/${extractRunId}`]) {
      await phone.goto(`${e2e!.appUrl}${path}`);
      await phone.getByRole("heading", { level: 1 }).waitFor();
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
      await screenshot(phone, path === "/workflows" ? "workflows-phone" : "workflow-run-phone");
    }
    await phone.close();
  });

  it("answers the progress route as JSON for the team, 404 otherwise, 401 without a session", async () => {
    const mine = await page.request.get(`${e2e!.appUrl}/api/runs/${extractRunId}`);
    expect(mine.status()).toBe(200);
    const json = await mine.json();
    expect(json).toMatchObject({ id: extractRunId, workflow: "extract", status: "succeeded" });
    expect(json.steps.length).toBeGreaterThanOrEqual(2);
    expect(json.counts.fetched).toBeGreaterThan(0);
    expect((await page.request.get(`${e2e!.appUrl}/api/runs/${randomUUID()}`)).status()).toBe(404);
    expect((await page.request.get(`${e2e!.appUrl}/api/runs/not-a-run`)).status()).toBe(404);

    const anonymous = await browser.newContext();
    const response = await anonymous.request.get(`${e2e!.appUrl}/api/runs/${extractRunId}`);
    expect(response.status()).toBe(401);
    expect(await response.json()).toEqual({ error: "Not signed in" });
    await anonymous.close();
  });

  it("keeps another team out of the demo merchant's run", async () => {
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await signUp(otherPage, {
      name: "Other Owner",
      teamName: "Other Shop",
      email: `wf-${randomUUID().slice(0, 8)}@shop.test`,
      password: "correct-horse-42",
    });
    await otherPage.waitForURL(/\/overview$/);
    expect((await otherPage.request.get(`${e2e!.appUrl}/api/runs/${extractRunId}`)).status()).toBe(404);
    // The page streams behind the dashboard's loading state, so its not-found answer keeps status 200.
    await otherPage.goto(`${e2e!.appUrl}/workflows/runs/${extractRunId}`);
    await otherPage.getByText("Run not found").waitFor();
    expect(await otherPage.getByTestId("run-status").count()).toBe(0);
    await other.close();
  });
});
