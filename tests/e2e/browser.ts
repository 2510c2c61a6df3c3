import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { inject } from "vitest";

/** The running app and sandbox, or null when the browser tests are skipped. */
export const e2e = inject("e2e");

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
      "--no-first-run",
    ],
  });
}

const screenshotDir = path.join(process.cwd(), "tests", "e2e", "screenshots");

/** Saves a full-page screenshot (ignored by git) so a person can look at what the test saw. */
export async function screenshot(page: Page, name: string) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

/**
 * Waits until React has hydrated the element (it attaches its fiber to the DOM node), so a test
 * that edits the DOM before clicking is not undone by hydration or raced by a plain form post.
 */
export async function waitForHydration(page: Page, selector: string) {
  await page.waitForFunction((sel) => {
    const node = document.querySelector(sel);
    return node !== null && Object.keys(node).some((k) => k.startsWith("__reactFiber"));
  }, selector);
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto(`${e2e!.appUrl}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/overview$/);
}

export async function signUp(page: Page, input: { name: string; teamName: string; email: string; password: string }) {
  await page.goto(`${e2e!.appUrl}/sign-up`);
  await page.getByLabel("Your name").fill(input.name);
  await page.getByLabel("Business name").fill(input.teamName);
  await page.getByLabel("Email").fill(input.email);
  await page.getByLabel("Password").fill(input.password);
  await page.getByRole("button", { name: "Create account" }).click();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).first().click();
  await page.waitForURL(/\/sign-in/);
}

/**
 * On the Workflows page: clicks a run button (Run now, Dry run), waits for the new run's row, then
 * for it to finish. Returns its id, final status and the row's text.
 */
export async function runFromWorkflowsPage(page: Page, workflow: string, button = `run-now-${workflow}`) {
  const rows = page.locator(`[data-testid="recent-runs-${workflow}"] [data-testid="run-row"]`);
  const before = (await rows.count()) > 0 ? await rows.first().getAttribute("data-run-id") : null;
  await page.getByTestId(button).click();
  await page.waitForFunction(
    ([wf, prev]) => {
      const row = document.querySelector(`[data-testid="recent-runs-${wf}"] [data-testid="run-row"]`);
      return row !== null && row.getAttribute("data-run-id") !== prev;
    },
    [workflow, before] as const,
    { timeout: 30_000 },
  );
  const runId = (await rows.first().getAttribute("data-run-id"))!;
  const row = page.locator(`[data-testid="run-row"][data-run-id="${runId}"]`);
  await page.locator(`[data-testid="run-row"][data-run-id="${runId}"]:is([data-status="succeeded"], [data-status="failed"])`).waitFor({ timeout: 90_000 });
  return { runId, status: await row.getAttribute("data-status"), text: (await row.textContent()) ?? "" };
}
