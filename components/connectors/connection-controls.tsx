"use client";

import { useActionState, useState, type ReactNode } from "react";
import { removeConnectionAction, renameConnectionAction, testConnectionAction } from "@/app/(dashboard)/connectors/actions";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";

/** Test / Rename / Reconnect / Remove for one connection. */
export function ConnectionControls({
  connectionId,
  name,
  needsReauth,
  canManage,
  reconnectForm,
}: {
  connectionId: string;
  name: string;
  needsReauth: boolean;
  canManage: boolean;
  reconnectForm: ReactNode;
}) {
  const [testState, testAction, testing] = useActionState(testConnectionAction, {});
  const [renameState, renameAction, renaming] = useActionState(renameConnectionAction, {});
  const [removeState, removeAction, removing] = useActionState(removeConnectionAction, {});
  const [panel, setPanel] = useState<"none" | "rename" | "reconnect" | "remove">(needsReauth ? "reconnect" : "none");
  const toggle = (p: typeof panel) => setPanel((current) => (current === p ? "none" : p));
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        <form action={testAction}>
          <input type="hidden" name="connectionId" value={connectionId} />
          <Button type="submit" variant="secondary" disabled={testing}>
            {testing ? "Testing…" : "Test"}
          </Button>
        </form>
        {canManage ? (
          <>
            <Button variant={needsReauth ? "primary" : "secondary"} onClick={() => toggle("reconnect")} aria-expanded={panel === "reconnect"}>
              Reconnect
            </Button>
            <Button variant="secondary" onClick={() => toggle("rename")} aria-expanded={panel === "rename"}>
              Rename
            </Button>
            <Button variant="ghost" onClick={() => toggle("remove")} aria-expanded={panel === "remove"}>
              Remove
            </Button>
          </>
        ) : null}
      </div>
      <FormStatus state={testState} />
      {panel === "rename" ? (
        <form action={renameAction} className="space-y-2">
          <input type="hidden" name="connectionId" value={connectionId} />
          <TextField name="name" label="Name" defaultValue={renameState.values?.name ?? name} errors={renameState.fieldErrors?.name} required maxLength={120} />
          <Button type="submit" disabled={renaming}>
            {renaming ? "Saving…" : "Save name"}
          </Button>
        </form>
      ) : null}
      <FormStatus state={renameState} />
      {panel === "remove" ? (
        <form action={removeAction} className="space-y-2 rounded-md border border-red-200 bg-red-50 p-3">
          <input type="hidden" name="connectionId" value={connectionId} />
          <p className="text-sm text-red-800">Remove {name}? Its stored credentials are deleted; workflows that need it will stop.</p>
          <Button type="submit" variant="danger" disabled={removing}>
            {removing ? "Removing…" : "Remove connection"}
          </Button>
        </form>
      ) : null}
      <FormStatus state={removeState} />
      {panel === "reconnect" ? <div className="rounded-md border border-slate-200 p-3">{reconnectForm}</div> : null}
    </div>
  );
}
