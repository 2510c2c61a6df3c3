"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { logActivity } from "@/lib/activity";
import { teamAction, type ActionState } from "@/lib/auth/action";
import { createCounterStore } from "@/lib/storage/counters";
import { StorageValidationError } from "@/lib/storage/errors";
import { createObjectStore } from "@/lib/storage/object-stores";
import { deleteObject } from "@/lib/storage/objects";
import { repairPromotionCounters } from "@/lib/storage/reconcile";

function refused(error: unknown, values: Record<string, string>): ActionState {
  if (error instanceof StorageValidationError) {
    return { error: "Please correct the highlighted fields.", fieldErrors: error.fieldErrors, values };
  }
  throw error;
}

export const createObjectStoreAction = teamAction(
  z.object({
    name: z.string().default(""),
    description: z.string().default(""),
    fields: z.string().default(""),
  }),
  async (input, { db, user, team }) => {
    try {
      const store = await db.transaction(async (tx) => {
        const created = await createObjectStore(tx, team.id, input);
        await logActivity(tx, {
          teamId: team.id,
          userId: user.id,
          action: "store.created",
          detail: { kind: "object", storeId: created.id, name: created.name, fields: created.fields },
        });
        return created;
      });
      revalidatePath("/storage");
      return { ok: true, message: `Created "${store.name}" with ${store.fields.length} fields.` };
    } catch (error) {
      return refused(error, input);
    }
  },
);

export const createCounterStoreAction = teamAction(
  z.object({ name: z.string().default(""), description: z.string().default("") }),
  async (input, { db, user, team }) => {
    try {
      const store = await db.transaction(async (tx) => {
        const created = await createCounterStore(tx, team.id, input);
        await logActivity(tx, {
          teamId: team.id,
          userId: user.id,
          action: "store.created",
          detail: { kind: "counter", storeId: created.id, name: created.name },
        });
        return created;
      });
      revalidatePath("/storage");
      return { ok: true, message: `Created counter store "${store.name}".` };
    } catch (error) {
      return refused(error, input);
    }
  },
);

export const deleteRecordAction = teamAction(
  z.object({
    storeId: z.string().uuid("Unknown store"),
    key: z.string().min(1).max(128),
    /** The records view to return to (its query string), so filters and page survive the delete. */
    view: z.string().max(2000).default(""),
  }),
  async ({ storeId, key, view }, { db, user, team }) => {
    const deleted = await db.transaction(async (tx) => {
      const removed = await deleteObject(tx, team.id, storeId, key);
      if (removed) {
        await logActivity(tx, {
          teamId: team.id,
          userId: user.id,
          action: "store.record_deleted",
          detail: { storeId, key, subtracted: removed.contributions },
        });
      }
      return removed;
    });
    if (!deleted) return { error: `No record "${key}" in this store (already deleted?).` };
    revalidatePath(`/storage/objects/${storeId}`);
    revalidatePath("/storage");
    const back = new URLSearchParams(view.replace(/^\?/, ""));
    back.delete("deleted");
    back.set("deleted", key);
    redirect(`/storage/objects/${storeId}?${back.toString()}`);
  },
  { minRole: "admin" },
);

export const repairCountersAction = teamAction(
  z.object({ email: z.string().trim().toLowerCase().max(254).optional() }),
  async ({ email }, { db, user, team }) => {
    const { repaired } = await repairPromotionCounters(db, team.id, { userId: user.id, emails: email ? [email] : undefined });
    revalidatePath("/storage/reconcile");
    revalidatePath("/storage");
    // The drift rows (and this form with them) disappear once repaired, so the outcome goes in the URL.
    redirect(`/storage/reconcile?repaired=${repaired.length}`);
  },
  { minRole: "admin" },
);
