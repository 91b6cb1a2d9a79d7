import { IMPORT_JOB, processImportRun } from "~/modules/imports/imports.server";
import { sendInvoiceReminders } from "~/modules/billing/overdue.server";
import { sendRenewalReminders } from "~/modules/licensing/reminders.server";
import { runCsatRequests } from "~/modules/quality/csat.server";
import { runComplaintDeadlineAlerts } from "~/modules/quality/deadlines.server";
import { sendActivationReviewInvitations } from "~/modules/reviews/invitations.server";
import { runSlaAlerts } from "~/modules/sla/clocks.server";
import { runPlanTerms } from "~/modules/sla/plan-term.server";
import { closeSolvedTickets, eraseExpiredAccessDetails } from "~/modules/tickets/lifecycle.server";
import { foldQueueCounts } from "~/modules/tickets/queue-counts.server";
import { BULK_RUN_JOB, processBulkRun, sweepBulkRuns } from "~/modules/tickets/bulk-runs.server";
import { PASSWORD_RESETS_JOB, processPasswordResetRequests } from "~/modules/accounts/sessions.server";
import { sweepThrottleBuckets } from "~/modules/security/throttle.server";
import { pollMailbox } from "~/modules/mail/mailbox.server";
import { INBOUND_QUEUE_JOB, processInboundQueue, sweepInboundQueue } from "~/modules/mail/queue.server";
import { sendTeamLeadDigests } from "~/modules/notifications/notifications.server";
import { runScheduledBackup } from "~/modules/backups/backups.server";
import { dispatchDueEmails, DISPATCH_EMAILS_JOB } from "~/utils/email.server";
import { sweepIdempotencyKeys } from "~/utils/idempotency.server";
import type { JobDefinition } from "~/utils/jobs.server";

/** Names of the background jobs. Modules add theirs here, beside the function that does the work. */
export const JOB = {
  dispatchEmails: DISPATCH_EMAILS_JOB,
  passwordResets: PASSWORD_RESETS_JOB,
  sweepThrottle: "security.sweep-throttle",
  renewalReminders: "licensing.renewal-reminders",
  planTerms: "sla.plan-terms",
  slaAlerts: "sla.alerts",
  closeSolvedTickets: "tickets.close-solved",
  eraseAccessDetails: "tickets.erase-access-details",
  foldQueueCounts: "tickets.fold-queue-counts",
  csatRequests: "quality.csat-requests",
  complaintDeadlines: "quality.complaint-deadlines",
  reviewInvitations: "reviews.activation-invitations",
  importRun: IMPORT_JOB,
  bulkRun: BULK_RUN_JOB,
  sweepBulkRuns: "tickets.sweep-bulk-runs",
  invoiceReminders: "billing.invoice-reminders",
  mailPoll: "mail.poll",
  mailInbound: INBOUND_QUEUE_JOB,
  sweepInboundQueue: "mail.sweep-inbound-queue",
  teamLeadDigests: "notifications.team-lead-digests",
  sweepIdempotencyKeys: "system.sweep-idempotency-keys",
  backup: "system.backup",
} as const;

export const jobDefinitions: JobDefinition[] = [
  // Runs when a transaction that queued an email commits (queueEmail asks for it, ADR 004);
  // every minute as a safety net and for retries.
  { name: JOB.dispatchEmails, cron: "* * * * *", run: () => dispatchDueEmails() },
  // Password reset requests are answered here (not in the request) so the answer's timing does
  // not tell whether the address has a login; the emails they queue go out on commit.
  { name: JOB.passwordResets, cron: "* * * * *", run: () => processPasswordResetRequests() },
  { name: JOB.sweepThrottle, cron: "41 * * * *", run: () => sweepThrottleBuckets() },
  { name: JOB.sweepIdempotencyKeys, cron: "43 * * * *", run: () => sweepIdempotencyKeys() },
  // Daily at 06:00 UTC (09:00 Moscow); `data.now` (ISO) runs it as of another moment.
  {
    name: JOB.renewalReminders,
    cron: "0 6 * * *",
    run: (data) => sendRenewalReminders(typeof data.now === "string" ? new Date(data.now) : new Date()),
  },
  // Bought support plans: the reminder before the term ends and the return to the default plan: daily at 06:15 UTC.
  {
    name: JOB.planTerms,
    cron: "15 6 * * *",
    run: (data) => runPlanTerms(typeof data.now === "string" ? new Date(data.now) : new Date()),
  },
  // SLA warnings (75 %) and breaches: every minute; each fires once per clock cycle.
  { name: JOB.slaAlerts, cron: "* * * * *", run: (data) => runSlaAlerts(typeof data.now === "string" ? new Date(data.now) : new Date()) },
  // Solved tickets close after 7 days; access details are erased 7 days after closing.
  { name: JOB.closeSolvedTickets, cron: "*/15 * * * *", run: () => closeSolvedTickets() },
  { name: JOB.eraseAccessDetails, cron: "7 * * * *", run: () => eraseExpiredAccessDetails() },
  // Queue counters: fold the deltas the ticket triggers appended (docs/decisions/095).
  { name: JOB.foldQueueCounts, cron: "* * * * *", run: () => foldQueueCounts() },
  // CSAT requests for tickets solved since the last run (each solve asked once): every minute.
  { name: JOB.csatRequests, cron: "* * * * *", run: (data) => runCsatRequests(typeof data.now === "string" ? new Date(data.now) : new Date()) },
  // Complaint acknowledge / answer targets: warning at 75 %, breach at 100 %, each sent once per clock cycle.
  { name: JOB.complaintDeadlines, cron: "*/5 * * * *", run: (data) => runComplaintDeadlineAlerts(typeof data.now === "string" ? new Date(data.now) : new Date()) },
  // Unpaid-invoice reminders (3 and 10 days after issue by default): daily at 06:30 UTC.
  { name: JOB.invoiceReminders, cron: "30 6 * * *", run: (data) => sendInvoiceReminders(typeof data.now === "string" ? new Date(data.now) : new Date()) },
  // Review invitations 30 days after a licence's first activation (once per licence): hourly.
  { name: JOB.reviewInvitations, cron: "23 * * * *", run: (data) => sendActivationReviewInvitations(typeof data.now === "string" ? new Date(data.now) : new Date()) },
  // The IMAP mailbox: every minute, one instance at a time (a lease), watching for new mail for 50 s.
  { name: JOB.mailPoll, cron: "* * * * *", run: () => pollMailbox({ watchSeconds: 50 }) },
  // Messages the MTA pipe accepted: asked for by each accept once it commits, and every minute as a safety net.
  {
    name: JOB.mailInbound,
    cron: "* * * * *",
    run: () => processInboundQueue(),
  },
  { name: JOB.sweepInboundQueue, cron: "17 3 * * *", run: () => sweepInboundQueue() },
  // Team leads' daily digest from 08:00 in each lead's time zone (once per lead and day): every quarter hour.
  {
    name: JOB.teamLeadDigests,
    cron: "*/15 * * * *",
    run: (data) => sendTeamLeadDigests(typeof data.now === "string" ? new Date(data.now) : new Date()),
  },
  // Backups: checked hourly; one runs when the settings' interval (daily at 02:00 UTC by default) is due.
  { name: JOB.backup, cron: "5 * * * *", run: (data) => runScheduledBackup(typeof data.now === "string" ? new Date(data.now) : new Date()) },
  // Large bulk actions, one run per job (queued by the queue page, ADR 176); the customers' emails
  // go out as each ticket's change commits (ADR 004).
  { name: JOB.bulkRun, run: async (data) => void (typeof data.runId === "string" ? await processBulkRun(data.runId) : undefined) },
  // Bulk runs never picked up, or left by an instance that stopped: every minute.
  { name: JOB.sweepBulkRuns, cron: "* * * * *", run: async () => void (await sweepBulkRuns()) },
  // Large imports, one run per job (queued by the import page); resumes from the run's progress.
  { name: JOB.importRun, run: (data) => (typeof data.runId === "string" ? processImportRun(data.runId) : Promise.resolve()) },
];
