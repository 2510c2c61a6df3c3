// HubSpot error bodies (§2.7): {status:"error", message, correlationId, category, ...}.
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { json, type Reply } from "../http";

export function hubspotError(status: number, category: string, message: string, extra: Record<string, unknown> = {}, headers?: Record<string, string>): Reply {
  return json(status, { status: "error", message, correlationId: randomUUID(), category, ...extra }, headers);
}

export const validationError = (message: string, extra?: Record<string, unknown>) => hubspotError(400, "VALIDATION_ERROR", message, extra);

/** zod issues as a HubSpot VALIDATION_ERROR. */
export function invalidInput(error: z.ZodError): Reply {
  return validationError(`Invalid input JSON on line 1: ${error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ")}`, {
    errors: error.issues.map((i) => ({ message: i.message, in: i.path.join(".") })),
  });
}

export function rateLimited(policyName: "TEN_SECONDLY_ROLLING" | "SECONDLY", retryAfter: string, headers: Record<string, string> = {}): Reply {
  return json(
    429,
    {
      status: "error",
      message: `You have reached your ${policyName.toLowerCase()} limit.`,
      errorType: "RATE_LIMIT",
      correlationId: randomUUID(),
      policyName,
      requestId: randomUUID(),
    },
    { ...headers, "retry-after": retryAfter },
  );
}

/** Error entry inside a 207 batch response. */
export function batchError(category: string, message: string, context: Record<string, string[]>) {
  return { status: "error", category, message, context, errors: [], links: {} };
}
