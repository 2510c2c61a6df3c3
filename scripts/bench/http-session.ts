/**
 * A signed-in HTTP client for the running app, without a browser: signs in through Auth.js's own
 * credentials flow (GET /api/auth/csrf, POST /api/auth/callback/credentials) and keeps the cookies.
 * Used by the web benchmark and the security suite.
 */

export type SignInOutcome = { ok: true } | { ok: false; code: string | null; status: number; location: string | null };

export class HttpSession {
  private readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  /** All cookies, for handing to a browser context. */
  cookieList(): Array<{ name: string; value: string }> {
    return [...this.cookies].map(([name, value]) => ({ name, value }));
  }

  private remember(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a));
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** fetch relative to the app with this session's cookies; never follows redirects. */
  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", this.cookieHeader);
    const response = await fetch(new URL(path, this.baseUrl), { ...init, headers, redirect: "manual" });
    this.remember(response);
    return response;
  }

  get signedIn(): boolean {
    return [...this.cookies.keys()].some((k) => /(^|\.)(authjs|next-auth)\.session-token/.test(k));
  }

  /** One attempt through the Auth.js credentials callback, as the sign-in form's server action makes it. */
  async signIn(email: string, password: string): Promise<SignInOutcome> {
    const csrf = await this.fetch("/api/auth/csrf");
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const response = await this.fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${this.baseUrl}/overview` }),
    });
    await response.arrayBuffer();
    const location = response.headers.get("location");
    const target = location ? new URL(location, this.baseUrl) : null;
    const error = target?.searchParams.get("error");
    if (response.status >= 300 && response.status < 400 && !error && this.signedIn) return { ok: true };
    return { ok: false, code: target?.searchParams.get("code") ?? error ?? null, status: response.status, location };
  }
}

/** Signs in or throws with what Auth.js answered. */
export async function signedInSession(baseUrl: string, email: string, password: string): Promise<HttpSession> {
  const session = new HttpSession(baseUrl);
  const outcome = await session.signIn(email, password);
  if (!outcome.ok) throw new Error(`sign-in as ${email} refused: ${JSON.stringify(outcome)}`);
  return session;
}
