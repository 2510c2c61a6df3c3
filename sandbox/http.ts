// Tiny HTTP layer: route templates, body parsing and a value-returning handler style, so the
// server pipeline (auth, rate limits, faults) can wrap any handler and inspect its reply.
import type { IncomingMessage, ServerResponse } from "node:http";

export type Vendor = "netsuite" | "hubspot" | "activecampaign";

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  json?: unknown;
  html?: string;
  /** Location for a 302. */
  redirect?: string;
}

export interface RequestContext {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  /** Raw body text (already fully read). */
  rawBody: string;
  /** scheme://host[:port] as the client addressed us, for links in responses. */
  origin: string;
  /** Who the auth gate let in (vendor-specific principal key), if the route is authenticated. */
  principal?: string;
}

export type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;

export interface Route {
  vendor: Vendor | "control";
  method: string;
  /** Template such as `/crm/v3/objects/contacts/:id`; also the key for call counting. */
  template: string;
  /** "api" routes pass through the vendor's auth, rate-limit and fault gates. */
  kind: "api" | "public";
  handler: Handler;
}

export class Router {
  private readonly routes: { route: Route; segments: string[] }[] = [];

  add(...routes: Route[]): void {
    for (const route of routes) this.routes.push({ route, segments: route.template.split("/") });
  }

  match(method: string, path: string): { route: Route; params: Record<string, string> } | null {
    const parts = path.split("/");
    for (const { route, segments } of this.routes) {
      if (route.method !== method || segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < segments.length; i++) {
        if (segments[i].startsWith(":")) params[segments[i].slice(1)] = decodeURIComponent(parts[i]);
        else if (segments[i] !== parts[i]) {
          ok = false;
          break;
        }
      }
      if (ok) return { route, params };
    }
    return null;
  }
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** JSON body, or `undefined` when it is empty or not JSON (handlers answer that in vendor form). */
export function jsonBody(ctx: RequestContext): unknown {
  if (!ctx.rawBody.trim()) return undefined;
  try {
    return JSON.parse(ctx.rawBody);
  } catch {
    return undefined;
  }
}

export function formBody(ctx: RequestContext): URLSearchParams {
  return new URLSearchParams(ctx.rawBody);
}

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return { status, json: body, headers };
}

export function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers };
  let payload = "";
  if (reply.redirect) headers.location = reply.redirect;
  if (reply.html !== undefined) {
    headers["content-type"] = "text/html; charset=utf-8";
    payload = reply.html;
  } else if (reply.json !== undefined) {
    headers["content-type"] = "application/json";
    payload = JSON.stringify(reply.json);
  }
  res.writeHead(reply.status, headers);
  res.end(payload);
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
