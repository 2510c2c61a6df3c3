import { describe, expect, it } from "vitest";
import { discoverRoutes, fillTemplate, matchesTemplate } from "./routes";

describe("route discovery for the security suite", () => {
  const routes = discoverRoutes();
  const find = (template: string, kind: "page" | "route") => routes.find((r) => r.template === template && r.kind === kind);

  it("finds pages and route handlers without route groups in the URL", () => {
    expect(find("/sign-in", "page")).toBeDefined();
    expect(find("/storage/objects/[storeId]", "page")).toBeDefined();
    expect(find("/storage/objects/[storeId]/export", "route")?.methods).toEqual(["GET"]);
    expect(find("/api/inngest", "route")?.methods).toEqual(["GET", "POST", "PUT"]);
    expect(find("/api/auth/[...nextauth]", "route")?.methods).toEqual(["GET", "POST"]);
    expect(routes.every((r) => !r.template.includes("("))).toBe(true);
  });

  it("fills and matches templates", () => {
    const store = find("/storage/objects/[storeId]", "page")!;
    expect(fillTemplate(store, () => "abc")).toBe("/storage/objects/abc");
    expect(matchesTemplate(store, "/storage/objects/abc")).toBe(true);
    expect(matchesTemplate(store, "/storage/objects/abc/export")).toBe(false);
    expect(matchesTemplate(find("/api/auth/[...nextauth]", "route")!, "/api/auth/csrf")).toBe(true);
  });
});
