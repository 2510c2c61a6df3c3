import { SettingsTabs } from "@/components/settings/settings-tabs";
import { PageHeader } from "@/components/ui/card";

export default function SettingsLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <PageHeader title="Settings" description="How the workflows behave for this team, and who can use the dashboard." />
      <SettingsTabs />
      {children}
    </>
  );
}
