// NetSuite REST error bodies (vendor-apis.md §1.8).
import { json, type Reply } from "../http";

const TYPES: Record<number, string> = {
  400: "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.1",
  401: "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.2",
  404: "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.5",
  500: "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.6.1",
};
const TITLES: Record<number, string> = { 400: "Bad Request", 401: "Unauthorized", 404: "Not Found", 500: "Internal Server Error" };

export function netsuiteError(status: number, code: string, detail: string, headers?: Record<string, string>): Reply {
  return json(
    status,
    { type: TYPES[status] ?? TYPES[400], title: TITLES[status] ?? "Bad Request", status, "o:errorDetails": [{ detail, "o:errorCode": code }] },
    headers,
  );
}

export const invalidParameter = (detail: string) => netsuiteError(400, "INVALID_PARAMETER", detail);

export const nonexistentId = () =>
  netsuiteError(404, "NONEXISTENT_ID", "The record instance does not exist. Provide a valid record instance ID.");

export function invalidLogin(wwwAuthenticate: string): Reply {
  return netsuiteError(401, "INVALID_LOGIN", "Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI at Setup > Users/Roles > User Management > View Login Audit Trail.", {
    "www-authenticate": wwwAuthenticate,
  });
}

/** The exact concurrency body, odd "Bad Request" title included, and deliberately no Retry-After. */
export function concurrencyLimitExceeded(): Reply {
  return json(429, {
    type: "https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html",
    title: "Bad Request",
    status: 429,
    "o:errorDetails": [{ detail: "Concurrent request limit exceeded. Request blocked.", "o:errorCode": "CONCURRENCY_LIMIT_EXCEEDED" }],
  });
}

export const unexpectedError = () =>
  netsuiteError(500, "UNEXPECTED_ERROR", "An unexpected error occurred. Error ID: sandbox-injected-fault");
