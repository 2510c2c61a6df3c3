// NetSuite as the server sees it: routes, bearer/TBA authentication, the concurrency limit.
import { z } from "zod";
import { malform } from "../faults";
import { json, jsonBody, type Reply, type RequestContext, type Route } from "../http";
import type { SandboxCore, VendorApi } from "../vendor";
import type { NetSuiteDb } from "./db";
import { concurrencyLimitExceeded, invalidLogin, netsuiteError, unexpectedError } from "./errors";
import { decideAuthorize, showAuthorize } from "../auth/authorize";
import { AUTHORIZE_PATH, netsuiteAuthorize, token } from "./oauth";
import { collectionLinks, getCustomer, getSalesOrder, listSalesOrders, parsePaging, type RecordDeps } from "./records";
import { runSuiteQl, SuiteQlError } from "./suiteql";

const REALM = "SANDBOX";
const suiteQlBody = z.object({ q: z.string().min(1) });

export function createNetSuiteApi(core: SandboxCore, db: NetSuiteDb): VendorApi {
  let inFlight = 0;
  const deps: RecordDeps = {
    db,
    maybeMalform: (record) => (core.faults.shouldMalform("netsuite") ? malform(record) : record),
  };

  async function suiteQl(ctx: RequestContext): Promise<Reply> {
    if (!/\btransient\b/i.test(String(ctx.headers.prefer ?? ""))) {
      return netsuiteError(400, "INVALID_PARAMETER", "Invalid Prefer header value. The 'transient' preference is required for SuiteQL queries.");
    }
    const body = suiteQlBody.safeParse(jsonBody(ctx));
    if (!body.success) return netsuiteError(400, "INVALID_PARAMETER", "Invalid request body. Provide a JSON object with the SuiteQL query in 'q'.");
    const paging = parsePaging(ctx.query);
    if ("status" in paging) return paging;
    try {
      const page = await runSuiteQl(db, body.data.q, paging.limit, paging.offset);
      const hasMore = paging.offset + page.rows.length < page.totalResults;
      return json(200, {
        links: collectionLinks(ctx, paging.limit, paging.offset, hasMore),
        count: page.rows.length,
        hasMore,
        offset: paging.offset,
        totalResults: page.totalResults,
        items: page.rows.map((row) => deps.maybeMalform({ links: [], ...row })),
      });
    } catch (err) {
      if (err instanceof SuiteQlError) return netsuiteError(400, err.code, err.message);
      throw err;
    }
  }

  const routes: Route[] = [
    { vendor: "netsuite", method: "GET", template: AUTHORIZE_PATH, kind: "public", handler: (ctx) => showAuthorize(netsuiteAuthorize, ctx, core) },
    { vendor: "netsuite", method: "POST", template: AUTHORIZE_PATH, kind: "public", handler: (ctx) => decideAuthorize(netsuiteAuthorize, ctx, core) },
    { vendor: "netsuite", method: "POST", template: "/services/rest/auth/oauth2/v1/token", kind: "public", handler: (ctx) => token(ctx, core) },
    { vendor: "netsuite", method: "POST", template: "/services/rest/query/v1/suiteql", kind: "api", handler: suiteQl },
    { vendor: "netsuite", method: "GET", template: "/services/rest/record/v1/salesOrder", kind: "api", handler: (ctx) => listSalesOrders(ctx, deps) },
    { vendor: "netsuite", method: "GET", template: "/services/rest/record/v1/salesOrder/:id", kind: "api", handler: (ctx) => getSalesOrder(ctx, deps) },
    { vendor: "netsuite", method: "GET", template: "/services/rest/record/v1/customer/:id", kind: "api", handler: (ctx) => getCustomer(ctx, deps) },
  ];

  return {
    vendor: "netsuite",
    routes,
    authenticate(ctx) {
      const header = ctx.headers.authorization ?? "";
      if (/^OAuth\s/i.test(header)) {
        const result = core.tba.verify(
          { method: ctx.method, baseUrl: `${ctx.origin}${ctx.path}`, query: ctx.query, authorization: header, nowMs: Date.now() },
          core.credentials.tba,
        );
        if (result.ok) return { principal: `tba:${result.tokenId}` };
        return invalidLogin(`OAuth realm="${REALM}", error="token_rejected", error_description="Invalid login attempt."`);
      }
      const bearer = /^Bearer\s+(\S+)$/i.exec(header);
      if (bearer && core.credentials.checkBearer("netsuite", bearer[1], core.clock.now()).status === "ok") return { principal: "oauth" };
      return invalidLogin(`Bearer realm="${REALM}", error="invalid_token", error_description="Invalid login attempt."`);
    },
    // NetSuite limits concurrent requests per account, not a request rate (§1.8).
    admit() {
      if (core.config.rateLimits && inFlight >= core.config.netsuiteConcurrency) return concurrencyLimitExceeded();
      inFlight++;
      return { release: () => inFlight-- };
    },
    // NetSuite never sends Retry-After, so an injected storm does not either.
    stormReply: () => concurrencyLimitExceeded(),
    faultReply: unexpectedError,
    // In-flight requests are real and finish on their own; there is nothing else to forget.
    reset: () => {},
  };
}
