import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/card";
import { requireTeam } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const { team } = await requireTeam();
  return <PageHeader title={`Good to see you, ${team.name}`} description="Your promotion pipeline at a glance." />;
}
