export default function WorkflowsLoading() {
  return (
    <div role="status" aria-live="polite" className="animate-pulse space-y-6">
      <div className="h-6 w-40 rounded bg-slate-200" />
      <div className="h-20 rounded-lg bg-slate-200" />
      {[0, 1, 2].map((i) => (
        <div key={i} className="h-64 rounded-lg bg-slate-200" />
      ))}
      <span className="sr-only">Loading workflows…</span>
    </div>
  );
}
