import type { PromotionActionKind } from "@/db/schema";
import type { PromotionRule } from "@/lib/workflows/rules";
import type { WorkflowSettings } from "@/lib/workflows/settings";

/** Names for the promote workflow's rules and actions, shared by the Overview and Promotions pages. */
export const ruleLabels: Record<PromotionRule, string> = {
  premium: "Premium",
  volume: "Volume",
  today: "Today",
  seven_day: "Seven day",
  none: "No promotion",
  opted_out: "Opted out",
};

type RuleSettings = Pick<WorkflowSettings, "premiumThreshold" | "volumeMinOrders" | "sevenDayOffset" | "lists">;

/** One line per rule, with the team's own thresholds and list names. */
export function ruleDescription(rule: PromotionRule, settings: RuleSettings, money: (amount: string) => string): string {
  switch (rule) {
    case "premium":
      return `Spent over ${money(String(settings.premiumThreshold))}: a HubSpot follow-up task`;
    case "volume":
      return `${settings.volumeMinOrders} or more orders: ActiveCampaign list "${settings.lists.volume}"`;
    case "today":
      return `Ordered today: list "${settings.lists.today}"`;
    case "seven_day":
      return `Last order exactly ${settings.sevenDayOffset} days ago: list "${settings.lists.sevenDay}"`;
    case "none":
      return "No rule matches today";
    case "opted_out":
      return "Unsubscribed: never promoted";
  }
}

export const ruleTones: Record<PromotionRule, "green" | "amber" | "red" | "slate" | "blue"> = {
  premium: "amber",
  volume: "blue",
  today: "green",
  seven_day: "green",
  none: "slate",
  opted_out: "red",
};

export const actionLabels: Record<PromotionActionKind, string> = {
  hubspot_task: "HubSpot follow-up task",
  list_volume: "Volume list",
  list_today: "Today list",
  list_seven_day: "Seven day list",
};
