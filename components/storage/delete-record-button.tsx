"use client";

import { useActionState, useState } from "react";
import { deleteRecordAction } from "@/app/(dashboard)/storage/actions";
import { Button } from "@/components/ui/button";

/** Delete with an explicit second click; says that the record's counter contributions are subtracted. */
export function DeleteRecordButton({ storeId, recordKey, counted, view }: { storeId: string; recordKey: string; counted: boolean; view: string }) {
  const [confirming, setConfirming] = useState(false);
  const [state, action, pending] = useActionState(deleteRecordAction, {});
  if (state.error) return <span role="alert" className="text-xs text-red-600">{state.error}</span>;
  if (!confirming) {
    return (
      <Button variant="ghost" className="px-2 py-1 text-xs text-red-700" onClick={() => setConfirming(true)} aria-label={`Delete ${recordKey}`}>
        Delete
      </Button>
    );
  }
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="storeId" value={storeId} />
      <input type="hidden" name="key" value={recordKey} />
      <input type="hidden" name="view" value={view} />
      <span className="text-xs text-slate-700">
        Delete {recordKey}?{counted ? " Its amount and order are subtracted from the counters." : ""}
      </span>
      <Button type="submit" variant="danger" className="px-2 py-1 text-xs" disabled={pending}>
        {pending ? "Deleting…" : "Confirm delete"}
      </Button>
      <Button variant="secondary" className="px-2 py-1 text-xs" onClick={() => setConfirming(false)} disabled={pending}>
        Cancel
      </Button>
    </form>
  );
}
