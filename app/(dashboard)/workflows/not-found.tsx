import Link from "next/link";
import { EmptyState } from "@/components/ui/card";

export default function WorkflowRunNotFound() {
  return (
    <EmptyState
      title="Run not found"
      action={
        <Link href="/workflows" className="font-medium text-brand-600 hover:underline">
          Back to workflows
        </Link>
      }
    >
      This run does not exist or belongs to another team.
    </EmptyState>
  );
}
