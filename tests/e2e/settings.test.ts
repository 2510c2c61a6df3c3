import { randomUUID } from "node:crypto";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2e, launchBrowser, screenshot, signIn, signOut, signUp, waitForHydration } from "./browser";

/**
 * Settings, members and activity, on a team of the test's own (so the demo merchant's settings,
 * which other browser tests rely on, stay as they are).
 */
describe.skipIf(!e2e)("settings, team members and activity", () => {
  let browser: Browser;
  let page: Page;
  let invitee: BrowserContext | undefined;
  const id = randomUUID().slice(0, 8);
  const owner = { name: "Sam Settings", teamName: `Settings Shop ${id}`, email: `owner-${id}@shop.test`, password: "correct-horse-42" };
  const invitedEmail = `invitee-${id}@shop.test`;
  let inviteLink = "";
  let inviteePage: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signUp(page, owner);
    await page.waitForURL(/\/overview$/);
    await signOut(page);
    await signIn(page, owner.email, owner.password);
  });
  afterAll(async () => {
    await invitee?.close();
    await browser?.close();
  });

  it("changes settings, sees them saved and logged in Activity", async () => {
    await page.goto(`${e2e!.appUrl}/settings`);
    const form = page.getByTestId("settings-form");
    await form.getByLabel("Store location").fill("Paris");
    await form.getByLabel("Promote schedule (cron)").fill("30 8 * * MON-FRI");
    await page.getByTestId("settings-save").click();
    await page.getByText("Saved 2 changes.").waitFor();

    await page.reload();
    expect(await page.getByLabel("Store location").inputValue()).toBe("Paris");
    expect(await page.getByLabel("Promote schedule (cron)").inputValue()).toBe("30 8 * * MON-FRI");

    await page.goto(`${e2e!.appUrl}/activity`);
    const row = page.getByTestId("activity-row").filter({ hasText: "Changed 2 workflow settings" });
    await row.waitFor();
    expect(await row.textContent()).toContain("store location");
    expect(await row.textContent()).toContain("Promote schedule");
    expect(await row.textContent()).toContain(owner.name);

    // Filtering by kind keeps only settings changes (the team's creation is hidden).
    const filter = page.getByTestId("activity-filter");
    await filter.getByLabel("What").selectOption("settings.");
    await filter.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/action=settings\./);
    const actions = await page.getByTestId("activity-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-action")));
    expect(actions).toEqual(["settings.updated"]);
    await screenshot(page, "activity");
  });

  it("shows each bad value's error under its field and keeps what was typed", async () => {
    await page.goto(`${e2e!.appUrl}/settings`);
    const form = page.getByTestId("settings-form");
    await form.getByLabel("Time zone").fill("Mars/Olympus");
    await form.getByLabel("Extract schedule (cron)").fill("61 * * * *");
    await form.getByLabel("Keep list records for (days)").fill("0");
    await page.getByTestId("settings-save").click();
    await page.getByText("Unknown IANA time zone").waitFor();
    await expect(page.locator("#settings-schedules-extract-cron-error").textContent()).resolves.toContain("Not a valid cron schedule");
    await expect(page.locator("#settings-retentionDays-error").textContent()).resolves.toContain("at least 1");
    expect(await form.getByLabel("Time zone").getAttribute("aria-invalid")).toBe("true");
    expect(await form.getByLabel("Time zone").inputValue()).toBe("Mars/Olympus");
    expect(await form.getByLabel("Store location").inputValue()).toBe("Paris");
    await screenshot(page, "settings");

    // Nothing was saved.
    await page.reload();
    expect(await page.getByLabel("Time zone").inputValue()).toBe("Europe/London");
  });

  it("invites a member whose sign-up through the link joins this team", async () => {
    await page.goto(`${e2e!.appUrl}/settings/members`);
    expect(await page.getByTestId("member-row").count()).toBe(1);
    const form = page.getByTestId("invite-form");
    await form.getByLabel("Email").fill(invitedEmail);
    await form.getByLabel("Role").selectOption("admin");
    await form.getByRole("button", { name: "Invite" }).click();
    inviteLink = await page.getByTestId("invite-link").inputValue();
    expect(inviteLink).toMatch(/\/sign-up\?invite=[\w-]{40,}$/);
    await page.getByTestId("invitation-row").filter({ hasText: invitedEmail }).waitFor();
    await screenshot(page, "settings-members");

    invitee = await browser.newContext();
    const other = (inviteePage = await invitee.newPage());
    await other.goto(inviteLink);
    await expect(other.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(`Join ${owner.teamName}`);
    await other.getByLabel("Your name").fill("Ivy Invited");
    await other.getByLabel("Email").fill(`someone-else-${id}@shop.test`);
    await other.getByLabel("Password").fill("correct-horse-43");
    await other.getByRole("button", { name: "Create account and join" }).click();
    await other.getByText("This invitation was sent to a different email address.").waitFor();

    await other.getByLabel("Email").fill(invitedEmail);
    await other.getByLabel("Password").fill("correct-horse-43");
    await other.getByRole("button", { name: "Create account and join" }).click();
    await other.waitForURL(/\/overview$/);
    expect(await other.getByTestId("team-name").textContent()).toBe(owner.teamName);

    // The link is single-use.
    const third = await invitee.newPage();
    await third.goto(inviteLink);
    await expect(third.getByTestId("invite-refused").textContent()).resolves.toContain("already been used");

    await page.reload();
    const rows = page.getByTestId("member-row");
    expect(await rows.count()).toBe(2);
    expect(await rows.filter({ hasText: invitedEmail }).textContent()).toContain("Ivy Invited");
    await page.goto(`${e2e!.appUrl}/activity`);
    await page.getByTestId("activity-row").filter({ hasText: `${invitedEmail} joined as an admin` }).waitFor();
  });

  it("lets the owner demote the new admin, who then sees settings read-only, and remove them", async () => {
    await page.goto(`${e2e!.appUrl}/settings/members`);
    const row = page.getByTestId("member-row").filter({ hasText: invitedEmail });
    await row.getByLabel(/Role of Ivy Invited/).selectOption("member");
    await row.getByRole("button", { name: "Change role" }).click();
    await row.getByText("Role changed from admin to member.").waitFor();

    await inviteePage.goto(`${e2e!.appUrl}/settings`);
    await inviteePage.getByText("only a team admin or owner can change them").waitFor();
    expect(await inviteePage.getByTestId("settings-save").count()).toBe(0);
    expect(await inviteePage.getByLabel("Store location").isDisabled()).toBe(true);
    await inviteePage.goto(`${e2e!.appUrl}/settings/members`);
    expect(await inviteePage.getByTestId("invite-form").count()).toBe(0);

    await row.getByRole("button", { name: /Remove Ivy Invited/ }).click();
    await row.getByRole("button", { name: /Confirm removing Ivy Invited/ }).click();
    await page.getByTestId("member-row").filter({ hasText: invitedEmail }).waitFor({ state: "detached" });
    expect(await page.getByTestId("member-row").count()).toBe(1);
    await page.goto(`${e2e!.appUrl}/activity?action=member.`);
    const descriptions = await page.getByTestId("activity-row").allTextContents();
    expect(descriptions.join("\n")).toContain(`Removed ${invitedEmail} from the team`);
    expect(descriptions.join("\n")).toContain(`Changed ${invitedEmail}'s role from admin to member`);
  });

  it("lets the removed member, still signed in, accept a new invitation with one click", async () => {
    await page.goto(`${e2e!.appUrl}/settings/members`);
    const form = page.getByTestId("invite-form");
    await form.getByLabel("Email").fill(invitedEmail);
    await form.getByLabel("Role").selectOption("member");
    await form.getByRole("button", { name: "Invite" }).click();
    const link = await page.getByTestId("invite-link").inputValue();
    expect(link).not.toBe(inviteLink);

    await inviteePage.goto(link);
    await inviteePage.getByRole("button", { name: `Join ${owner.teamName}` }).click();
    await inviteePage.waitForURL(/\/overview$/);
    expect(await inviteePage.getByTestId("team-name").textContent()).toBe(owner.teamName);
    await page.reload();
    expect(await page.getByTestId("member-row").count()).toBe(2);
  });

  it("lets a member create a team of their own, switch between the two, and carry on there when removed", async () => {
    const studio = `Ivy's Studio ${id}`;
    await inviteePage.goto(`${e2e!.appUrl}/settings/teams`);
    await waitForHydration(inviteePage, '[data-testid="create-team-form"]');
    expect(await inviteePage.getByTestId("team-row").count()).toBe(1);
    expect(await inviteePage.getByTestId("team-switcher").count()).toBe(0);
    const form = inviteePage.getByTestId("create-team-form");
    await form.getByRole("button", { name: "Create team" }).click();
    await form.getByText("Name your business (at least 2 characters)").waitFor();
    await form.getByLabel("Business name").fill(studio);
    await form.getByRole("button", { name: "Create team" }).click();
    await inviteePage.waitForURL(/\/overview$/);
    expect(await inviteePage.getByTestId("team-name").textContent()).toBe(studio);
    await inviteePage.getByText("Connect NetSuite to start").waitFor();

    // Back to the first team from the sidebar: its members, not the studio's.
    await inviteePage.getByLabel("Team", { exact: true }).selectOption({ label: owner.teamName });
    await inviteePage.getByTestId("team-switcher").getByRole("button", { name: "Switch" }).click();
    await inviteePage.waitForFunction((name) => document.querySelector('[data-testid="team-name"]')?.textContent === name, owner.teamName);
    await inviteePage.goto(`${e2e!.appUrl}/settings/members`);
    expect(await inviteePage.getByTestId("member-row").count()).toBe(2);
    await inviteePage.goto(`${e2e!.appUrl}/settings/teams`);
    expect(await inviteePage.getByTestId("team-row").count()).toBe(2);
    await screenshot(inviteePage, "settings-teams");

    // Removed from the team on screen, the member carries on in their own team.
    await page.goto(`${e2e!.appUrl}/settings/members`);
    const row = page.getByTestId("member-row").filter({ hasText: invitedEmail });
    await row.getByRole("button", { name: /Remove Ivy Invited/ }).click();
    await row.getByRole("button", { name: /Confirm removing Ivy Invited/ }).click();
    await row.waitFor({ state: "detached" });
    await inviteePage.goto(`${e2e!.appUrl}/overview`);
    expect(await inviteePage.getByTestId("team-name").textContent()).toBe(studio);
    expect(await inviteePage.getByTestId("team-switcher").count()).toBe(0);
  });
});
