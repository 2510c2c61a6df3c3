import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";

// Cloud mode (the SDK default) requires INNGEST_SIGNING_KEY and rejects unsigned calls;
// INNGEST_DEV=1 switches to the local dev server for development.
export const { GET, POST, PUT } = serve({ client: inngest, functions });
