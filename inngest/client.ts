import { Inngest } from "inngest";

/**
 * The app's Inngest client. Local development talks to the Inngest dev server (`INNGEST_DEV=1`);
 * production needs `INNGEST_EVENT_KEY` to send and `INNGEST_SIGNING_KEY` to be called.
 */
export const inngest = new Inngest({ id: "composable-commerce-stack" });
