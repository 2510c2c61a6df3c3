export default function WorkflowRunLoading() {
  return (
    <div role="status" aria-live="polite" className="animate-pulse space-y-6">
      <div className="h-6 w-48 rounded bg-slate-200" />
      <div className="h-24 rounded-lg bg-slate-200" />
      <div className="h-48 rounded-lg bg-slate-200" />
      <span className="sr-only">Loading the run…</span>
    </div>
  );
}
