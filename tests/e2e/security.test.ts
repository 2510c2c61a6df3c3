/**
 * Security suite against the built app (NODE_ENV=production), mostly over plain HTTP:
 *
 * - every page and route handler found under app/ is tried without a session (pages redirect to
 *   /sign-in, API routes answer 401 JSON; public: sign-in, sign-up, Auth.js, health, Inngest);
 * - team B requests every team-A URL (crawled from team A's own pages, plus every dynamic route
 *   filled with every team-A id) and gets 404 with none of team A's data; team A gets 200 for the
 *   same URLs, so the ids are real;
 * - server actions called by team B with team A's ids change nothing (tampered forms in a browser),
 *   and neither a forged team-choice cookie nor the switch action with team A's id opens team A;
 *   that every action goes through teamAction is tests/security/server-actions.test.ts;
 * - OAuth callbacks refuse a forged, a reused and another team's state (the expired state is proven
 *   on the real route handler in tests/security/oauth-callback.test.ts: the server's clock cannot
 *   be moved from here);
 * - /api/inngest refuses unsigned PUT/POST/GET (no INNGEST_SIGNING_KEY in production mode);
 * - every response carries the security headers;
 * - sign-in through the real Auth.js endpoint is limited to 10 attempts per 15 minutes per email.
 *
 * Stored credentials in a database dump are covered by tests/connectors/no-secret-leaks.test.ts.
 */
import { randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpSession, signedInSession } from "@/scripts/bench/http-session";
import { discoverRoutes, fillTemplate, matchesTemplate, type DiscoveredRoute, type Segment } from "../security/routes";
import { e2e, launchBrowser, screenshot, signIn, signUp, waitForHydration } from "./browser";

const demo = { email: "demo@merchant.test", password: "demo-merchant-2026", team: "Demo Jewellery Co." };
const uuidPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const providers = ["netsuite", "hubspot", "activecampaign"];

/** Paths that answer without a session, and why. */
const publicPages = new Set(["/sign-in", "/sign-up"]);
const publicApi = [/^\/api\/auth\//, /^\/api\/health$/, /^\/api\/inngest$/];

const tally = { passed: 0, failed: 0, inputs: new Set<string>() };

/** Records one (route, identity) input and whether it held; returns a failure line or null. */
function verdict(identity: string, method: string, url: string, problems: string[]): string | null {
  tally.inputs.add(`${identity} ${method} ${url}`);
  if (problems.length === 0) {
    tally.passed++;
    return null;
  }
  tally.failed++;
  return `${identity} ${method} ${url}: ${problems.join("; ")}`;
}

function headerProblems(response: Response): string[] {
  const h = response.headers;
  const problems: string[] = [];
  const csp = h.get("content-security-policy") ?? "";
  if (!csp) problems.push("no Content-Security-Policy");
  if (h.get("x-frame-options")?.toUpperCase() !== "DENY" && !/frame-ancestors 'none'/.test(csp)) problems.push("framing allowed");
  if (h.get("x-content-type-options") !== "nosniff") problems.push("no X-Content-Type-Options: nosniff");
  if (!h.get("referrer-policy")) problems.push("no Referrer-Policy");
  return problems;
}

const decode = (s: string) => s.replace(/&amp;/g, "&").replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"');

/** Internal links and form targets in a page. */
function links(html: string): string[] {
  const out = new Set<string>();
  for (const m of html.matchAll(/\s(?:href|action)="(\/[^"#]*)"/g)) {
    const url = decode(m[1]);
    if (!url.startsWith("//") && !url.startsWith("/_next/")) out.add(url);
  }
  return [...out];
}

/** Ids in links and in hidden inputs whose name ends in "Id" (connectionId, storeId, runId, ...). */
function idsIn(html: string): Set<string> {
  const ids = new Set<string>();
  for (const url of links(html)) for (const id of url.match(uuidPattern) ?? []) ids.add(id.toLowerCase());
  for (const m of html.matchAll(/<input[^>]*>/g)) {
    if (/name="\w*Id"/.test(m[0])) for (const id of m[0].match(uuidPattern) ?? []) ids.add(id.toLowerCase());
  }
  return ids;
}

function connectionIds(html: string): string[] {
  return [...new Set([...html.matchAll(/<input[^>]*name="connectionId"[^>]*value="([^"]+)"/g)].map((m) => m[1]))];
}

/**
 * Best effort: runs team A's extract workflow from the Workflows page so team A has runs and list
 * records too. Without that page (or if the run does not finish in time) the suite goes on with the
 * resources team A has; it never fails here.
 */
async function runExtractIfPossible(page: Page, appUrl: string) {
  try {
    await page.goto(`${appUrl}/workflows`);
    const runNow = page.getByTestId("run-now-extract");
    if ((await runNow.count()) === 0) return;
    await runNow.click();
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      await page.waitForTimeout(2_000);
      await page.goto(`${appUrl}/workflows`);
      if ((await page.getByTestId("run-link").count()) > 0 && !(await page.getByText("Running…").count())) return;
    }
  } catch (error) {
    console.warn(`[security] could not run a workflow for team A: ${error instanceof Error ? error.message : error}`);
  }
}

describe.skipIf(!e2e)("security", () => {
  const appUrl = e2e?.appUrl ?? "";
  const sandboxUrl = e2e?.sandboxUrl ?? "";
  const routes = discoverRoutes();
  const password = "correct-horse-42";
  const teamB = { name: "Bea Intruder", teamName: `Intruder Shop ${randomUUID().slice(0, 6)}`, email: `intruder-${randomUUID().slice(0, 8)}@shop.test`, password };
  const secret = `A-secret-${randomUUID().slice(0, 8)}`;
  let browser: Browser;
  let page: Page;
  let a: HttpSession;
  let b: HttpSession;
  /** Team A's pages as team A sees them: URL -> body. */
  const crawled = new Map<string, string>();
  const idsA = new Set<string>();
  let markers: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage();
    // Team A is the demo merchant; give it stores with names nobody else has.
    await signIn(page, demo.email, demo.password);
    await page.goto(`${appUrl}/storage`);
    await page.locator("#object-store-name").fill(`${secret} list`);
    await page.locator("#object-store-fields").fill("Email Address, Secret Note");
    await page.getByRole("button", { name: "Create object store" }).click();
    await page.getByText(`Created "${secret} list"`).waitFor();
    await page.locator("#counter-store-name").fill(`${secret} counter`);
    await page.getByRole("button", { name: "Create counter store" }).click();
    await page.getByText(`Created counter store "${secret} counter"`).waitFor();
    await runExtractIfPossible(page, appUrl);
    await page.context().clearCookies();
    // Team B signs up through the UI like any merchant.
    await signUp(page, teamB);
    await page.waitForURL(/\/overview$/);
    a = await signedInSession(appUrl, demo.email, demo.password);
    b = await signedInSession(appUrl, teamB.email, teamB.password);

    // Crawl team A's dashboard from every static page, following links (bounded).
    const queue = routes.filter((r) => r.kind === "page" && r.segments.every((s) => s.kind === "static")).map((r) => fillTemplate(r, () => undefined)!);
    const seen = new Set(queue);
    while (queue.length && crawled.size < 120) {
      const url = queue.shift()!;
      if (/^\/api\/(auth|oauth)\//.test(url) || publicPages.has(url.split("?")[0])) continue;
      const response = await a.fetch(url);
      const type = response.headers.get("content-type") ?? "";
      const body = await response.text();
      if (response.status !== 200 || !type.includes("text/html")) continue;
      crawled.set(url, body);
      for (const id of idsIn(body)) idsA.add(id);
      for (const next of links(body)) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    // Team A's data that must never show up for team B (checked against B's own pages below).
    // Customers' emails on team A's store pages (there when a workflow run added records).
    const customerEmails = new Set<string>();
    for (const [url, body] of crawled) {
      if (url.startsWith("/storage/")) for (const m of body.matchAll(/[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b/gi)) if (customerEmails.size < 25) customerEmails.add(m[0]);
    }
    customerEmails.delete(demo.email);
    markers = [demo.team, demo.email, `${secret} list`, `${secret} counter`, "NetSuite (sandbox)", "ActiveCampaign (sandbox)", ...customerEmails];
    const bPages = await Promise.all(["/overview", "/storage", "/connectors", "/workflows"].map(async (u) => (await b.fetch(u)).text()));
    // And B's own store pages, so placeholders and labels every team sees are not taken for team A's data.
    const bStores = [...new Set(bPages.flatMap(links).filter((u) => /^\/storage\/(objects|counters)\/[0-9a-f-]{36}$/.test(u)))];
    const bOwn = [...bPages, ...(await Promise.all(bStores.map(async (u) => (await b.fetch(u)).text())))].join("\n");
    markers = markers.filter((m) => !bOwn.includes(m));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    console.log(`security: ${tally.passed} passed, ${tally.failed} failed; inputs tried: ${tally.inputs.size}`);
  });

  /** URLs for a route: dynamic segments filled with each of the given values. */
  function urlsFor(route: DiscoveredRoute, values: string[]): string[] {
    const dynamic = route.segments.filter((s) => s.kind !== "static");
    if (dynamic.length === 0) return [fillTemplate(route, () => undefined)!];
    const fill = (value: string) => (s: Segment) => (s.kind === "catchAll" ? "session" : s.kind === "dynamic" && s.name === "provider" ? undefined : value);
    if (dynamic.some((s) => s.kind === "dynamic" && s.name === "provider")) {
      return providers.map((p) => fillTemplate(route, (s) => (s.kind === "dynamic" && s.name === "provider" ? p : fill(p)(s)))!);
    }
    return values.map((v) => fillTemplate(route, fill(v))).filter((u): u is string => u !== null);
  }

  it("discovers the app's routes and team A's resources", () => {
    expect(routes.length).toBeGreaterThanOrEqual(15);
    expect(crawled.size).toBeGreaterThanOrEqual(5);
    // The demo team's stores and sandbox connections, at least.
    expect(idsA.size).toBeGreaterThanOrEqual(5);
    expect(markers).toContain(`${secret} list`);
    expect(markers).toContain(demo.team);
  });

  it("without a session: pages redirect to /sign-in, API routes answer 401 JSON, public routes answer", async () => {
    const failures: string[] = [];
    const ids = [...idsA];
    for (const route of routes) {
      if (route.template.startsWith("/api/auth/") || route.template === "/api/inngest") continue; // Auth.js itself; Inngest below
      for (const url of urlsFor(route, ids)) {
        for (const method of route.methods.filter((m) => m !== "HEAD" && m !== "OPTIONS")) {
          const response = await fetch(`${appUrl}${url}`, { method, redirect: "manual", body: method === "GET" ? undefined : "{}" });
          const body = await response.text();
          const problems = headerProblems(response);
          const isApi = url.startsWith("/api/");
          if (publicPages.has(url) || publicApi.some((p) => p.test(url))) {
            if (response.status !== 200) problems.push(`public route answered ${response.status}`);
          } else if (isApi) {
            if (response.status !== 401) problems.push(`expected 401, got ${response.status}`);
            if (!(response.headers.get("content-type") ?? "").includes("application/json")) problems.push("401 is not JSON");
            else if (!JSON.parse(body).error) problems.push("401 JSON has no error");
          } else {
            const location = response.headers.get("location");
            if (response.status < 300 || response.status > 399 || !location || new URL(location, appUrl).pathname !== "/sign-in") {
              problems.push(`expected a redirect to /sign-in, got ${response.status} ${location ?? ""}`);
            }
          }
          // The sign-in page shows the demo credentials on purpose (demo mode), so public pages are not searched.
          if (!publicPages.has(url)) for (const m of markers) if (body.includes(m)) problems.push(`body contains "${m}"`);
          const line = verdict("anonymous", method, url, problems);
          if (line) failures.push(line);
        }
        // A server action posted to a page without a session never reaches the action.
        if (route.kind === "page" && !publicPages.has(url)) {
          const response = await fetch(`${appUrl}${url}`, {
            method: "POST",
            redirect: "manual",
            headers: { "next-action": "0".repeat(42), "content-type": "text/plain;charset=UTF-8" },
            body: "[]",
          });
          await response.arrayBuffer();
          const location = response.headers.get("location");
          const problems = headerProblems(response);
          if (response.status < 300 || response.status > 399 || !location?.includes("/sign-in")) problems.push(`server-action POST answered ${response.status}`);
          const line = verdict("anonymous", "POST(action)", url, problems);
          if (line) failures.push(line);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("team B gets 404 and none of team A's data for every team-A URL; team A gets the same URLs", async () => {
    const failures: string[] = [];
    const ownedByA = [...crawled.keys()].filter((u) => /[0-9a-f]{8}-[0-9a-f]{4}-/i.test(u));
    expect(ownedByA.length).toBeGreaterThanOrEqual(2);
    const candidates = new Set(ownedByA);
    const dynamicRoutes = routes.filter((r) => r.segments.some((s) => s.kind === "dynamic" && s.name !== "provider") && !r.template.startsWith("/api/auth/"));
    for (const route of dynamicRoutes) for (const url of urlsFor(route, [...idsA, randomUUID(), "not-a-uuid"])) candidates.add(url);

    const servedToA = new Set<string>();
    for (const url of candidates) {
      const route = routes.find((r) => matchesTemplate(r, url.split("?")[0]));
      const methods = route?.kind === "route" ? route.methods.filter((m) => m !== "HEAD" && m !== "OPTIONS") : ["GET"];
      for (const method of methods) {
        const asA = await a.fetch(url, { method });
        await asA.arrayBuffer();
        if (asA.status === 200) servedToA.add(route?.template ?? url);
        const problemsA = asA.status >= 500 ? [`team A got ${asA.status}`] : [];
        if (ownedByA.includes(url) && asA.status !== 200) problemsA.push(`team A's own URL answered ${asA.status}`);
        const lineA = verdict("team A", method, url, problemsA);
        if (lineA) failures.push(lineA);

        const asB = await b.fetch(url, { method });
        const body = await asB.text();
        const problems = headerProblems(asB);
        if (asB.status !== 404) {
          // Next.js sends 200 when notFound() runs after the response started streaming (a loading.tsx above the page).
          const streamed = asB.status === 200 && /<meta name="robots" content="noindex"/.test(body) ? " (a not-found page streamed with status 200: the loading boundary sent the headers before notFound())" : "";
          problems.push(`expected 404, got ${asB.status}${streamed}`);
        }
        for (const m of markers) if (body.includes(m)) problems.push(`body contains team A's "${m}"`);
        const line = verdict("team B", method, url, problems);
        if (line) failures.push(line);
      }
    }
    // Each dynamic route was reached with a real team-A id: a route linked from team A's pages, and any
    // route taking the same kind of id as a route that was (e.g. /api/runs/[runId] like /workflows/runs/[runId]).
    const paramOf = (r: DiscoveredRoute) => r.segments.filter((s) => s.kind === "dynamic").map((s) => (s as { name: string }).name).join(",");
    const servedParams = new Set(dynamicRoutes.filter((r) => servedToA.has(r.template)).map(paramOf));
    const unproven = dynamicRoutes.filter(
      (r) => !servedToA.has(r.template) && (servedParams.has(paramOf(r)) || ownedByA.some((u) => matchesTemplate(r, u.split("?")[0]))),
    );
    expect(unproven.map((r) => r.template)).toEqual([]);
    const unreached = dynamicRoutes.filter((r) => !servedToA.has(r.template)).map((r) => r.template);
    if (unreached.length) console.warn(`[security] no team-A resource to reach for: ${unreached.join(", ")}`);
    expect(failures).toEqual([]);
  });

  it("team B's forms tampered with team A's connection id change nothing (server actions are team-scoped)", async () => {
    const connectorsA = await (await a.fetch("/connectors")).text();
    const [victim] = connectionIds(connectorsA);
    expect(victim).toBeDefined();
    // Team B needs a connection of its own for the Test / Remove forms to exist: ActiveCampaign with the sandbox key.
    await page.goto(`${appUrl}/connectors`);
    await page.getByLabel("API URL", { exact: true }).fill(sandboxUrl);
    await page.getByLabel("API key", { exact: true }).fill("sandbox-activecampaign-key");
    await page.getByRole("button", { name: "Verify and save" }).click();
    await page.getByRole("button", { name: "Test" }).first().waitFor();

    const tamper = () => page.evaluate((id) => document.querySelectorAll<HTMLInputElement>('input[name="connectionId"]').forEach((i) => (i.value = id)), victim);
    await tamper();
    await page.getByRole("button", { name: "Test" }).first().click();
    await page.getByText("Connection not found").first().waitFor();
    tally.inputs.add(`team B action:testConnection ${victim}`);
    await page.getByRole("button", { name: "Remove", exact: true }).first().click();
    await tamper();
    await page.getByRole("button", { name: "Remove connection" }).click();
    await page.getByText("Connection not found").nth(1).waitFor();
    tally.inputs.add(`team B action:removeConnection ${victim}`);
    await screenshot(page, "security-tampered-action");

    const after = await (await a.fetch("/connectors")).text();
    expect(connectionIds(after)).toContain(victim);
    const bConnections = connectionIds(await (await b.fetch("/connectors")).text());
    expect(bConnections).toHaveLength(1);
    tally.passed += 2;
  });

  it("team B's forged team choice shows only team B; switching to team A's id is refused", async () => {
    const teamA = /data-team-id="([0-9a-f-]{36})"/.exec(crawled.get("/settings/teams") ?? "")?.[1];
    expect(teamA).toBeDefined();
    // The cookie that picks among an account's teams, forged to team A's id.
    await page.context().addCookies([{ name: "active_team", value: teamA!, url: appUrl }]);
    await page.goto(`${appUrl}/overview`);
    expect(await page.getByTestId("team-name").textContent()).toBe(teamB.teamName);
    tally.inputs.add(`team B cookie:active_team ${teamA}`);

    // The switch action with team A's id (team B makes a second team so the switch form exists).
    await page.goto(`${appUrl}/settings/teams`);
    await page.getByLabel("Business name").fill(`${teamB.teamName} Two`);
    await page.getByRole("button", { name: "Create team" }).click();
    await page.waitForURL(/\/overview$/);
    await page.goto(`${appUrl}/settings/teams`);
    await waitForHydration(page, '[data-testid="team-row"] form');
    await page.evaluate((id) => document.querySelectorAll<HTMLInputElement>('input[name="teamId"]').forEach((i) => (i.value = id)), teamA!);
    await page.getByRole("button", { name: `Switch to ${teamB.teamName}` }).click();
    await page.getByText("You are not a member of that team.").waitFor();
    tally.inputs.add(`team B action:switchTeam ${teamA}`);
    await page.goto(`${appUrl}/overview`);
    expect(await page.getByTestId("team-name").textContent()).toBe(`${teamB.teamName} Two`);
    tally.passed += 2;
  });

  async function startOAuth(session: HttpSession) {
    const response = await session.fetch(`/api/oauth/hubspot/start?baseUrl=${encodeURIComponent(sandboxUrl)}`);
    expect(response.status).toBe(303);
    return new URL(response.headers.get("location")!);
  }

  /** Plays the browser on the sandbox consent page and returns the redirect back to the app. */
  async function consent(authorizeUrl: URL, decision: "approve" | "deny") {
    const html = await (await fetch(authorizeUrl)).text();
    const form = [...html.matchAll(/<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/g)].find((f) => f[2].includes(`value="${decision}"`))!;
    const fields = new URLSearchParams();
    for (const input of form[2].matchAll(/<input[^>]*name="([^"]*)"[^>]*value="([^"]*)"[^>]*>/g)) fields.append(decode(input[1]), decode(input[2]).replace(/&lt;/g, "<").replace(/&gt;/g, ">"));
    const response = await fetch(new URL(decode(form[1]), authorizeUrl), { method: "POST", body: fields, redirect: "manual" });
    return new URL(response.headers.get("location")!);
  }

  async function callback(session: HttpSession, back: URL) {
    const response = await session.fetch(`${back.pathname}${back.search}`);
    await response.arrayBuffer();
    const problems = headerProblems(response);
    const location = new URL(response.headers.get("location") ?? "/", appUrl);
    return { status: response.status, location, problems };
  }

  it("OAuth callbacks refuse a forged, a reused and another team's state, and store nothing", async () => {
    const hubspotCount = async (s: HttpSession) => {
      const html = await (await s.fetch("/connectors")).text();
      return connectionIds(html).length;
    };
    const before = await hubspotCount(b);

    const forged = await callback(b, new URL(`${appUrl}/api/oauth/hubspot/callback?state=${"f".repeat(43)}&code=forged-code`));
    expect(forged.status).toBe(303);
    expect(forged.location.pathname).toBe("/connectors/error");
    expect(forged.location.searchParams.get("reason")).toBe("invalid_state");
    const errorPage = await (await b.fetch(`${forged.location.pathname}${forged.location.search}`)).text();
    expect(errorPage).toContain("not one we issued");
    expect(errorPage).toContain("Nothing was stored");
    verdict("team B", "GET", "/api/oauth/hubspot/callback?state=forged", forged.problems);

    // Team A's state used by team B: refused, and it cannot be used by anyone after that.
    const aAuthorize = await startOAuth(a);
    const aBack = await consent(aAuthorize, "approve");
    const stolen = await callback(b, aBack);
    expect(stolen.location.searchParams.get("reason")).toBe("wrong_session");
    verdict("team B", "GET", "/api/oauth/hubspot/callback?state=team-A", stolen.problems);

    // A real install by team B, then the same callback replayed.
    const bBack = await consent(await startOAuth(b), "approve");
    const first = await callback(b, bBack);
    expect(first.location.pathname).toBe("/connectors");
    expect(first.location.searchParams.get("connected")).toBe("hubspot");
    expect(await hubspotCount(b)).toBe(before + 1);
    const replay = await callback(b, bBack);
    expect(replay.location.pathname).toBe("/connectors/error");
    expect(replay.location.searchParams.get("reason")).toBe("state_used");
    expect(await hubspotCount(b)).toBe(before + 1);
    verdict("team B", "GET", "/api/oauth/hubspot/callback?state=replayed", replay.problems);

    // A denied consent stores nothing either.
    const denied = await callback(b, await consent(await startOAuth(b), "deny"));
    expect(denied.location.searchParams.get("reason")).toBe("denied");
    expect(await hubspotCount(b)).toBe(before + 1);
    verdict("team B", "GET", "/api/oauth/hubspot/callback?error=access_denied", denied.problems);
  });

  it("/api/inngest refuses unsigned calls in production mode", async () => {
    const failures: string[] = [];
    const attempts: Array<{ method: string; url: string; body?: string; headers?: Record<string, string> }> = [
      { method: "PUT", url: "/api/inngest" },
      { method: "PUT", url: "/api/inngest?deployId=x", headers: { "x-inngest-sync-kind": "in_band" }, body: "{}" },
      {
        method: "POST",
        url: "/api/inngest?fnId=composable-commerce-stack-extract-team&stepId=step",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ event: { name: "x", data: {} }, events: [], steps: {}, ctx: { run_id: "r", attempt: 0, stack: { stack: [] } }, version: 2 }),
      },
      {
        method: "POST",
        url: "/api/inngest?fnId=composable-commerce-stack-extract-team&stepId=step",
        headers: { "content-type": "application/json", "x-inngest-signature": "t=1&s=deadbeef" },
        body: "{}",
      },
      { method: "GET", url: "/api/inngest" },
    ];
    const statuses: string[] = [];
    for (const attempt of attempts) {
      const response = await fetch(`${appUrl}${attempt.url}`, { method: attempt.method, headers: attempt.headers, body: attempt.body, redirect: "manual" });
      const body = await response.text();
      statuses.push(`${attempt.method} ${response.status}`);
      const problems = headerProblems(response);
      if (response.status < 400) problems.push(`answered ${response.status}`);
      if (/"functions"\s*:|function_count/.test(body)) problems.push("introspection leaked");
      const line = verdict("anonymous", attempt.method, `${attempt.url}${attempt.headers?.["x-inngest-signature"] ? " (bad signature)" : ""}`, problems);
      if (line) failures.push(line);
    }
    console.log(`[security] /api/inngest without a valid signature: ${statuses.join(", ")}`);
    expect(failures).toEqual([]);
  });

  it("limits sign-in to 10 attempts per 15 minutes per email, through the real Auth.js endpoint", async () => {
    const email = `limited-${randomUUID().slice(0, 8)}@shop.test`;
    const browserForSignUp = await browser.newContext();
    const signUpPage = await browserForSignUp.newPage();
    await signUp(signUpPage, { name: "Lim Ited", teamName: "Limited Shop", email, password }); // attempt 1 (sign-up signs in)
    await signUpPage.waitForURL(/\/overview$/);
    await browserForSignUp.close();

    const outcomes = [];
    for (let attempt = 2; attempt <= 11; attempt++) outcomes.push(await new HttpSession(appUrl).signIn(email, password));
    expect(outcomes.slice(0, 9).map((o) => o.ok)).toEqual(Array(9).fill(true));
    expect(outcomes[9]).toMatchObject({ ok: false, code: "throttled" });
    // A wrong password while throttled is refused the same way (no oracle), and other emails are not affected.
    expect(await new HttpSession(appUrl).signIn(email, "wrong-password-1")).toMatchObject({ ok: false, code: "throttled" });
    expect((await new HttpSession(appUrl).signIn(teamB.email, teamB.password)).ok).toBe(true);
    for (let i = 1; i <= 13; i++) tally.inputs.add(`sign-in attempt ${i}`);
    tally.passed += 3;
  });
});
