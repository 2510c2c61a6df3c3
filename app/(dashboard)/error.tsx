"use client";

export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-6">
      <h2 className="font-semibold text-red-800">This page could not be loaded</h2>
      <p className="mt-1 text-sm text-red-700">
        Something went wrong on our side{error.digest ? ` (reference ${error.digest})` : ""}. Your data is unchanged.
      </p>
      <button type="button" onClick={reset} className="mt-3 text-sm font-medium text-red-800 underline">
        Try again
      </button>
    </div>
  );
}
