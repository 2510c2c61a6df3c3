/**
 * Every server action is an HTTP endpoint anyone can call with any form data. This test parses every
 * module with a "use server" directive (and every function with an inline one) under app/,
 * components/ and lib/ with the TypeScript compiler and proves each exported action is built by
 * `teamAction(...)` from "@/lib/auth/action", which resolves the session's team, checks the role
 * and validates the form, unless it is one of the few auth actions that must work signed out.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = process.cwd();

/**
 * Actions that run before there is a team (or to leave it); each is reviewed by hand.
 * acceptInvitationAction: a signed-in account joins the inviting team; it checks the session itself
 * and lib/teams/invitations.ts checks the token, its expiry and the email.
 */
const allowListed: Record<string, string[]> = {
  "app/(auth)/actions.ts": ["signInAction", "signUpAction", "signOutAction", "acceptInvitationAction"],
};

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) out.push(rel.split(path.sep).join("/"));
  }
  return out;
}

function parse(file: string) {
  const text = readFileSync(path.join(root, file), "utf8");
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}

function hasUseServer(statements: ts.NodeArray<ts.Statement>): boolean {
  for (const statement of statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) return false;
    if (statement.expression.text === "use server") return true;
  }
  return false;
}

function unwrap(expression: ts.Expression): ts.Expression {
  let e = expression;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  return e;
}

/** Local names bound to `teamAction` exported by "@/lib/auth/action" (however it is imported). */
function teamActionBindings(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    if (statement.moduleSpecifier.text !== "@/lib/auth/action") continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) {
      for (const element of bindings.elements) {
        if ((element.propertyName ?? element.name).text === "teamAction" && !element.isTypeOnly) names.add(element.name.text);
      }
    }
  }
  return names;
}

type Finding = { file: string; name: string; problem: string };

/** What a "use server" module exports, and whether each export is a teamAction(...) call. */
function checkActionModule(file: string, source: ts.SourceFile): { exported: string[]; findings: Finding[] } {
  const wrapper = teamActionBindings(source);
  const allowed = new Set(allowListed[file] ?? []);
  const exported: string[] = [];
  const findings: Finding[] = [];
  const isExported = (node: ts.Node) =>
    ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const isDefault = (node: ts.Node) =>
    ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);

  for (const statement of source.statements) {
    if (ts.isVariableStatement(statement) && isExported(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const name = declaration.name.getText(source);
        exported.push(name);
        if (allowed.has(name)) continue;
        const init = declaration.initializer && unwrap(declaration.initializer);
        const ok = init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && wrapper.has(init.expression.text);
        if (!ok) findings.push({ file, name, problem: "exported action is not created by teamAction(...)" });
      }
    } else if (ts.isFunctionDeclaration(statement) && isExported(statement)) {
      const name = statement.name?.text ?? "default";
      exported.push(name);
      if (!allowed.has(name)) findings.push({ file, name, problem: "exported function is a bare server action (wrap it with teamAction)" });
    } else if (ts.isExportAssignment(statement)) {
      exported.push("default");
      findings.push({ file, name: "default", problem: "default export from a \"use server\" module" });
    } else if (ts.isExportDeclaration(statement) && !statement.isTypeOnly) {
      // `export { x }` / `export * from`: re-exports cannot be checked here, so they are refused.
      const names = statement.exportClause && ts.isNamedExports(statement.exportClause) ? statement.exportClause.elements.map((e) => e.name.text) : ["*"];
      for (const name of names) {
        exported.push(name);
        if (!allowed.has(name)) findings.push({ file, name, problem: "re-exported from a \"use server\" module (declare it here with teamAction)" });
      }
    } else if (ts.isClassDeclaration(statement) && isExported(statement)) {
      findings.push({ file, name: statement.name?.text ?? "default", problem: "class exported from a \"use server\" module" });
    }
    if (isDefault(statement) && !ts.isExportAssignment(statement)) {
      findings.push({ file, name: "default", problem: "default export from a \"use server\" module" });
    }
  }
  return { exported, findings };
}

/** Functions with their own "use server" directive (inline actions in components or pages). */
function inlineActions(file: string, source: ts.SourceFile): Finding[] {
  const findings: Finding[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node)) && node.body && ts.isBlock(node.body)) {
      if (hasUseServer(node.body.statements)) {
        const name = ts.isFunctionDeclaration(node) && node.name ? node.name.text : `line ${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
        findings.push({ file, name, problem: "inline \"use server\" function: move it to an actions file and wrap it with teamAction" });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return findings;
}

const files = ["app", "components", "lib"].flatMap(sourceFiles);
const parsed = files.map((file) => ({ file, source: parse(file) }));
const actionModules = parsed.filter(({ source }) => hasUseServer(source.statements));

describe("server actions are all team-scoped", () => {
  it("finds the action modules by parsing, not by a hand-kept list", () => {
    const names = actionModules.map((m) => m.file);
    expect(names).toContain("app/(auth)/actions.ts");
    expect(names).toContain("app/(dashboard)/storage/actions.ts");
    expect(names).toContain("app/(dashboard)/connectors/actions.ts");
  });

  it("every exported action is created by teamAction(...) or is an allow-listed auth action", () => {
    const findings: Finding[] = [];
    let exported = 0;
    for (const { file, source } of actionModules) {
      const result = checkActionModule(file, source);
      exported += result.exported.length;
      findings.push(...result.findings);
    }
    expect(findings.map((f) => `${f.file} ${f.name}: ${f.problem}`)).toEqual([]);
    expect(exported).toBeGreaterThanOrEqual(9);
  });

  it("no inline \"use server\" functions bypass the wrapper", () => {
    const findings = parsed.flatMap(({ file, source }) => inlineActions(file, source));
    expect(findings.map((f) => `${f.file} ${f.name}: ${f.problem}`)).toEqual([]);
  });

  it("the allow-list names only actions that exist (a renamed action is noticed)", () => {
    for (const [file, names] of Object.entries(allowListed)) {
      const actionModule = actionModules.find((m) => m.file === file);
      expect(actionModule, file).toBeDefined();
      const { exported } = checkActionModule(file, actionModule!.source);
      for (const name of names) expect(exported, `${file} ${name}`).toContain(name);
    }
  });

  it("the checker itself refuses a bare action, a re-export, a default export and a look-alike wrapper", () => {
    const sample = ts.createSourceFile(
      "sample.ts",
      `"use server";
import { teamAction } from "@/lib/auth/action";
import { teamAction as other } from "@/lib/elsewhere";
export const good = teamAction(schema, async () => {});
export const wrapped = (teamAction(schema, async () => {}));
export const lookalike = other(schema, async () => {});
export const bare = async (_p: unknown, f: FormData) => {};
export async function alsoBare() {}
export { helper as renamed };
export default async function () {}
`,
      ts.ScriptTarget.Latest,
      true,
    );
    const { findings } = checkActionModule("sample.ts", sample);
    expect(findings.map((f) => f.name).sort()).toEqual(["alsoBare", "bare", "default", "default", "lookalike", "renamed"].sort());
    const inline = ts.createSourceFile("inline.tsx", `export default function Page() { async function act() { "use server"; } return null; }`, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
    expect(inlineActions("inline.tsx", inline).map((f) => f.name)).toEqual(["act"]);
  });
});
