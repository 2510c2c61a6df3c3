import { expirePromotionRecords } from "@/lib/storage/promotion-list";
import { MAX_PAGES, type WorkflowContext, type WorkflowOutcome } from "@/lib/workflows/context";
import { calendarDate, expiryCutoff } from "@/lib/workflows/rules";
import { countExpiredRecords } from "@/lib/workflows/queries";

/**
 * Workflow 3: records purchased more than `retentionDays` days before today (team time zone) are
 * deleted and their counter contributions subtracted, one transaction per page of up to 1,000.
 * Running it twice changes nothing: the second run finds no record before the cutoff.
 */
export async function runExpire(ctx: WorkflowContext): Promise<WorkflowOutcome> {
  const { db, teamId, settings, at, step, dryRun } = ctx;
  const today = calendarDate(at, settings.timeZone);
  const purchasedBefore = expiryCutoff(today, settings.retentionDays);
  if (dryRun) {
    const wouldRemove = await step.run("count-expired", async () => ({
      counts: { would_expire: await countExpiredRecords(db, teamId, purchasedBefore) },
    }));
    return { counts: { ...wouldRemove.counts, pages: 0 } };
  }
  const totals: Record<string, number> = { expired: 0, pages: 0 };
  for (let page = 1; page <= MAX_PAGES; page++) {
    const result = await step.run(`expire-page-${page}`, async () => {
      const { removed } = await expirePromotionRecords(db, teamId, { purchasedBefore, limit: settings.pageSize });
      return { removed, counts: { expired: removed } };
    });
    totals.expired += result.removed;
    totals.pages = page;
    if (result.removed < settings.pageSize) break;
  }
  return { counts: totals };
}
