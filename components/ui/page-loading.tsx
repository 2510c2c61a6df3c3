/**
 * The placeholder a page shows while its data loads. Each static page re-exports it as its own
 * loading.tsx; pages that answer 404 for another team's id have none, because a loading boundary
 * starts the response (status 200) before the page can call notFound().
 */
export function PageLoading() {
  return (
    <div role="status" aria-live="polite" className="animate-pulse space-y-4">
      <div className="h-6 w-48 rounded bg-slate-200" />
      <div className="h-32 rounded bg-slate-200" />
      <span className="sr-only">Loading…</span>
    </div>
  );
}
