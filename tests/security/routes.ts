/**
 * Discovers the app's URLs from the app/ directory (every page.tsx and route.ts), so the security
 * suite covers pages added after it was written. Route groups "(x)" and parallel slots "@x" are not
 * URL segments; "[x]" is a dynamic segment, "[...x]" / "[[...x]]" catch-alls.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

export type Segment = { kind: "static"; value: string } | { kind: "dynamic"; name: string } | { kind: "catchAll"; name: string; optional: boolean };

export type DiscoveredRoute = {
  kind: "page" | "route";
  /** e.g. /storage/objects/[storeId] */
  template: string;
  file: string;
  segments: Segment[];
  /** HTTP methods a route handler exports (GET for pages). */
  methods: string[];
};

const httpMethods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

function parseSegment(name: string): Segment | null {
  if (/^\(.*\)$/.test(name) || name.startsWith("@")) return null;
  let m = /^\[\[\.\.\.(.+)\]\]$/.exec(name);
  if (m) return { kind: "catchAll", name: m[1], optional: true };
  m = /^\[\.\.\.(.+)\]$/.exec(name);
  if (m) return { kind: "catchAll", name: m[1], optional: false };
  m = /^\[(.+)\]$/.exec(name);
  if (m) return { kind: "dynamic", name: m[1] };
  return { kind: "static", value: name };
}

/** Names a route module exports that are HTTP methods, read with the TypeScript parser. */
export function exportedMethods(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const names = new Set<string>();
  const exported = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const bindingNames = (name: ts.BindingName) => {
    if (ts.isIdentifier(name)) names.add(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bindingNames(element.name);
  };
  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) && exported(statement) && statement.name) names.add(statement.name.text);
    if (ts.isVariableStatement(statement) && exported(statement)) for (const d of statement.declarationList.declarations) bindingNames(d.name);
    if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) names.add(element.name.text);
    }
  }
  return httpMethods.filter((m) => names.has(m));
}

export function discoverRoutes(appDir = path.join(process.cwd(), "app")): DiscoveredRoute[] {
  const routes: DiscoveredRoute[] = [];
  const walk = (dir: string, segments: Segment[]) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name.startsWith("_")) continue; // private folders are not routes
        const segment = parseSegment(entry.name);
        walk(full, segment ? [...segments, segment] : segments);
      } else if (/^page\.(tsx|ts|jsx|js)$/.test(entry.name) || /^route\.(ts|js)$/.test(entry.name)) {
        const kind = entry.name.startsWith("page") ? "page" : "route";
        const template = "/" + segments.map((s) => (s.kind === "static" ? s.value : s.kind === "dynamic" ? `[${s.name}]` : `[...${s.name}]`)).join("/");
        routes.push({
          kind,
          template,
          file: path.relative(process.cwd(), full).split(path.sep).join("/"),
          segments,
          methods: kind === "page" ? ["GET"] : exportedMethods(full),
        });
      }
    }
  };
  walk(appDir, []);
  return routes.sort((a, b) => a.template.localeCompare(b.template) || a.kind.localeCompare(b.kind));
}

/** Fills a route's dynamic segments; returns null when a segment has no value. */
export function fillTemplate(route: DiscoveredRoute, values: (segment: Segment) => string | undefined): string | null {
  const parts: string[] = [];
  for (const segment of route.segments) {
    if (segment.kind === "static") parts.push(segment.value);
    else {
      const value = values(segment);
      if (value === undefined) return null;
      parts.push(value);
    }
  }
  return "/" + parts.join("/");
}

/** Matches a concrete pathname against a route template (used to tie crawled URLs to routes). */
export function matchesTemplate(route: DiscoveredRoute, pathname: string): boolean {
  const parts = pathname.split("/").filter(Boolean);
  const segments = route.segments;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    if (s.kind === "catchAll") return s.optional || parts.length > i;
    if (parts[i] === undefined) return false;
    if (s.kind === "static" && s.value !== parts[i]) return false;
  }
  return parts.length === segments.length;
}
