import { dispatchQueuedEmails } from "~/utils/email.server";
import type { JobDefinition } from "~/utils/jobs.server";

/** Names of the background jobs. Modules add theirs here, beside the function that does the work. */
export const JOB = {
  dispatchEmails: "emails.dispatch",
} as const;

export const jobDefinitions: JobDefinition[] = [
  // Every minute as a safety net; actions also ask for an immediate run after queuing email.
  { name: JOB.dispatchEmails, cron: "* * * * *", run: () => dispatchQueuedEmails() },
];
