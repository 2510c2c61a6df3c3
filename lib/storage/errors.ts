/** A store or record that does not exist for this team (another team's ids land here too). */
export class StorageNotFoundError extends Error {
  readonly code = "NOT_FOUND";
  constructor(what: string) {
    super(`${what} not found`);
    this.name = "StorageNotFoundError";
  }
}

/** Input that cannot be stored; `fieldErrors` says which input is wrong and why, field by field. */
export class StorageValidationError extends Error {
  readonly code = "VALIDATION";
  constructor(readonly fieldErrors: Record<string, string[]>) {
    super(
      Object.entries(fieldErrors)
        .map(([field, messages]) => `${field}: ${messages.join("; ")}`)
        .join(" | "),
    );
    this.name = "StorageValidationError";
  }
}

/** Postgres unique violation (drizzle wraps driver errors, so look at the cause too). */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error, i = 0; e && i < 4; e = (e as { cause?: unknown }).cause, i++) {
    if ((e as { code?: string }).code === "23505") return true;
  }
  return false;
}
