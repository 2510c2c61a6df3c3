import type { RunMode } from "@/lib/workflows/runs";

/** Says which engine runs the workflows and what that means for schedules and retries. */
export function ModeBanner({ mode }: { mode: RunMode }) {
  if (mode === "inngest") {
    return (
      <section
        aria-labelledby="mode-title"
        data-testid="workflow-mode"
        data-mode="inngest"
        className="rounded-lg border border-emerald-200 bg-emerald-50 p-4 text-sm text-emerald-900"
      >
        <h2 id="mode-title" className="font-semibold">Inngest mode: schedules are live</h2>
        <p className="mt-1">
          Runs go through Inngest: each schedule below fires on its own, every page of work is a durable step that is retried
          when a vendor fails, and <strong>Run now</strong> sends the same event. Dry runs always run here in the app, because
          they write nothing.
        </p>
      </section>
    );
  }
  return (
    <section
      aria-labelledby="mode-title"
      data-testid="workflow-mode"
      data-mode="in_process"
      className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900"
    >
      <h2 id="mode-title" className="font-semibold">In-process mode: no schedules fire</h2>
      <p className="mt-1">
        No Inngest server is configured, so runs execute inside this app server. <strong>Run now</strong> and <strong>Retry</strong>{" "}
        work, but the schedules below do not fire on their own and a failed step is not retried automatically. A run in
        progress stops if the server restarts.
      </p>
      <p className="mt-2">
        To run the schedules locally, start <code className="rounded bg-amber-100 px-1">npx inngest-cli@latest dev</code> and
        start the app with <code className="rounded bg-amber-100 px-1">INNGEST_DEV=1</code>. In production set{" "}
        <code className="rounded bg-amber-100 px-1">INNGEST_EVENT_KEY</code> and{" "}
        <code className="rounded bg-amber-100 px-1">INNGEST_SIGNING_KEY</code>.
      </p>
    </section>
  );
}
