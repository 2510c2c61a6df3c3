import { randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2e, launchBrowser, screenshot, signIn, signOut, signUp } from "./browser";

describe.skipIf(!e2e)("signing up, in and out", () => {
  let browser: Browser;
  let page: Page;
  const email = `owner-${randomUUID().slice(0, 8)}@shop.test`;
  const password = "correct-horse-42";

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage();
  });
  afterAll(async () => browser?.close());

  it("sends a visitor to sign-in, showing the demo credentials", async () => {
    await page.goto(`${e2e!.appUrl}/overview`);
    await page.waitForURL(/\/sign-in\?next=%2Foverview/);
    await expect(page.getByTestId("demo-credentials").textContent()).resolves.toContain("demo@merchant.test");
    await screenshot(page, "sign-in");
  });

  it("answers a bad sign-up field by field and creates nothing", async () => {
    await signUp(page, { name: "", teamName: "A", email: "not-an-email", password: "short" });
    await page.getByText("Enter a valid email address").waitFor();
    const alerts = await page.getByRole("alert").allTextContents();
    expect(alerts.join(" ")).toContain("Enter your name");
    expect(alerts.join(" ")).toContain("Use at least 10 characters");
    expect(alerts.join(" ")).toContain("Enter a valid email address");
    expect(await page.getByLabel("Password").inputValue()).toBe("");
    await screenshot(page, "sign-up-errors");
  });

  it("signs up, sees the dashboard and signs out", async () => {
    await signUp(page, { name: "Ada Owner", teamName: "Ada's Jewellery", email, password });
    await page.waitForURL(/\/overview$/);
    expect(await page.getByTestId("team-name").textContent()).toBe("Ada's Jewellery");
    await screenshot(page, "overview");
    await signOut(page);
  });

  it("refuses the same email twice", async () => {
    await signUp(page, { name: "Someone", teamName: "Other shop", email, password });
    await page.getByText("An account with this email already exists").waitFor();
  });

  it("refuses a wrong password, then signs in with the right one", async () => {
    await page.goto(`${e2e!.appUrl}/sign-in`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("wrong-password-1");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Email or password is incorrect.").waitFor();
    await signIn(page, email, password);
    expect(await page.getByTestId("team-name").textContent()).toBe("Ada's Jewellery");
    await signOut(page);
  });

  it("signs the demo merchant in", async () => {
    await signIn(page, "demo@merchant.test", "demo-merchant-2026");
    expect(await page.getByTestId("team-name").textContent()).toBe("Demo Jewellery Co.");
    await signOut(page);
  });
});
