import { getSessionTeam } from "@/lib/auth/session";
import { getRunProgress, lastRunActivity, runProgressJson } from "@/lib/workflows/queries";
import { failStaleRuns, STALE_RUN_MS } from "@/lib/workflows/start-run";

export const dynamic = "force-dynamic";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const noStore = { "cache-control": "no-store" };

/**
 * A run's live status for the dashboard's progress view: status, steps and counts so far, no
 * records. Team-scoped: another team's run (or no such run) is a 404, never a hint that it exists.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ runId: string }> }) {
  const ctx = await getSessionTeam();
  if (!ctx) return Response.json({ error: "Not signed in" }, { status: 401, headers: noStore });
  const { runId } = await params;
  const notFound = () => Response.json({ error: "Run not found" }, { status: 404, headers: noStore });
  if (!uuid.test(runId)) return notFound();

  let progress = await getRunProgress(ctx.db, ctx.team.id, runId);
  if (!progress) return notFound();

  // An in-process run whose server went away would otherwise poll as "running" forever.
  const { run } = progress;
  const unfinished = run.status === "queued" || run.status === "running";
  if (unfinished && run.mode === "in_process" && Date.now() - lastRunActivity(progress).getTime() > STALE_RUN_MS) {
    await failStaleRuns(ctx.db, ctx.team.id);
    progress = (await getRunProgress(ctx.db, ctx.team.id, runId)) ?? progress;
  }
  return Response.json(runProgressJson(progress), { headers: noStore });
}
