import type { Executor } from "@/db";
import { counterStores, objectStores } from "@/db/schema";

/** The tutorial's Dynamic Promotion List fields, in the order its setup form lists them. */
export const promotionListFields = [
  "Contact Name",
  "Email Address",
  "Date Of Purchase",
  "Purchase Amount",
  "Reference",
  "Promotion",
  "Subscription Status",
] as const;

/** Creates the tutorial's three utility stores for a new team. */
export async function createDefaultStores(db: Executor, teamId: string, retentionDays = 14) {
  await db.insert(objectStores).values({
    teamId,
    name: "Dynamic Promotion List",
    description: "Recent qualifying orders, one record per sales order, kept for the retention window.",
    fields: [...promotionListFields],
    retentionDays,
    role: "promotion_list",
  });
  await db.insert(counterStores).values([
    {
      teamId,
      name: "Accumulated Order Amount",
      description: "Sum of order subtotals per customer email over the retention window.",
      role: "order_amount",
    },
    {
      teamId,
      name: "Accumulated Order Number",
      description: "Number of orders per customer email over the retention window.",
      role: "order_count",
    },
  ]);
}
