import type { Metadata } from "next";
import Link from "next/link";
import { currencyOf } from "@/components/overview/format";
import { DecisionsTable, type PromotionsFormat } from "@/components/promotions/decisions-table";
import { HistoryTable } from "@/components/promotions/history-table";
import { ruleLabels } from "@/components/promotions/rule-labels";
import { SegmentFilter } from "@/components/promotions/segment-filter";
import { buttonClass } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { requireTeam } from "@/lib/auth/session";
import { formatDate, formatNumber } from "@/lib/format";
import { listActionHistory, listDecisionsPage, parseRule, vendorLinkConnections } from "@/lib/queries/promotions";
import { promotionActionLinks } from "@/lib/vendor-links";
import { getTeamSettings } from "@/lib/workflows/team-settings";

export const metadata: Metadata = { title: "Promotions" };

const PAGE_SIZE = 50;

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? null;

export default async function PromotionsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { db, team } = await requireTeam();
  const params = await searchParams;
  const segment = parseRule(one(params.segment));
  const after = one(params.after);
  const before = one(params.before);
  const [settings, decisions, history, connections] = await Promise.all([
    getTeamSettings(db, team.id),
    listDecisionsPage(db, team.id, { segment, after, limit: PAGE_SIZE }),
    listActionHistory(db, team.id, { before, limit: PAGE_SIZE }),
    vendorLinkConnections(db, team.id),
  ]);
  const f: PromotionsFormat = { locale: team.locale, timeZone: settings.timeZone, currency: currencyOf(settings, team.currency) };
  const link = (change: Record<string, string | null>) => {
    const query = new URLSearchParams();
    const merged = { segment, after, before, ...change };
    for (const [k, v] of Object.entries(merged)) if (v) query.set(k, v);
    const text = query.toString();
    return text ? `/promotions?${text}` : "/promotions";
  };
  const rows = history.actions.map((a) => ({ ...a, links: promotionActionLinks(a.externalIds, connections) }));

  return (
    <>
      <PageHeader
        title="Promotions"
        description={`What Promote would do today (${formatDate(decisions.today, f)}, ${settings.timeZone}) and what it has done.`}
      />
      <div className="space-y-6">
        <Card title="Today's decisions (dry run: nothing is sent)" actions={<SegmentFilter segment={segment} />}>
          {decisions.decisions.length === 0 ? (
            after || segment ? (
              <EmptyState
                title={segment ? `No more "${ruleLabels[segment]}" customers${after ? " after this point" : ""}` : "No more customers"}
                action={<Link href={link({ after: null })} className={buttonClass("secondary")}>Back to the start</Link>}
              >
                {decisions.stoppedEarly
                  ? `None among the next ${formatNumber(decisions.scanned, f.locale)} customers checked.`
                  : "Every customer on the list has been shown."}
              </EmptyState>
            ) : (
              <EmptyState title="Nobody on the promotion list yet" action={<Link href="/workflows" className={buttonClass()}>Run Extract</Link>}>
                Decisions appear once Extract has put orders on the list. Then Promote applies the rules each day.
              </EmptyState>
            )
          ) : (
            <>
              <p className="mb-3 text-sm text-slate-600">
                {segment ? `Customers whose first matching rule today is "${ruleLabels[segment]}". ` : "Every customer on the list, by email. "}
                The rule and its reason are exactly what Promote would use.
              </p>
              <DecisionsTable decisions={decisions.decisions} f={f} />
            </>
          )}
          {decisions.stoppedEarly && decisions.decisions.length > 0 ? (
            <p className="mt-3 text-xs text-slate-500">
              Checked {formatNumber(decisions.scanned, f.locale)} customers for this page; more may follow.
            </p>
          ) : null}
          <nav aria-label="Decision pages" className="mt-3 flex justify-between gap-4 text-sm">
            {after ? (
              <Link className="text-brand-600 hover:underline" href={link({ after: null })}>← Back to the start</Link>
            ) : (
              <span />
            )}
            {decisions.nextCursor ? (
              <Link className="text-brand-600 hover:underline" href={link({ after: decisions.nextCursor })}>
                {decisions.stoppedEarly ? "Keep looking →" : "Next customers →"}
              </Link>
            ) : null}
          </nav>
        </Card>

        <Card title="Promotions taken">
          {rows.length === 0 ? (
            <EmptyState
              title={before ? "No older promotions" : "No promotions sent yet"}
              action={
                before ? (
                  <Link href={link({ before: null })} className={buttonClass("secondary")}>Newest first</Link>
                ) : (
                  <Link href="/workflows" className={buttonClass("secondary")}>Run Promote</Link>
                )
              }
            >
              {before ? undefined : "Each HubSpot task and ActiveCampaign list subscription Promote makes is recorded here, once per customer, action and day."}
            </EmptyState>
          ) : (
            <>
              <HistoryTable rows={rows} f={f} />
              <nav aria-label="Promotion history pages" className="mt-3 flex justify-between gap-4 text-sm">
                {before ? (
                  <Link className="text-brand-600 hover:underline" href={link({ before: null })}>← Newest</Link>
                ) : (
                  <span />
                )}
                {history.nextCursor ? (
                  <Link className="text-brand-600 hover:underline" href={link({ before: history.nextCursor })}>Older →</Link>
                ) : null}
              </nav>
            </>
          )}
        </Card>
      </div>
    </>
  );
}
