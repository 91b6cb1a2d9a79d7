import type { ComponentType } from "react";
import InvitationEmail, { invitationSubject, type InvitationEmailProps } from "./accounts/invitation";
import PasswordResetEmail, { passwordResetSubject, type PasswordResetEmailProps } from "./accounts/password-reset";
import SecurityNoticeEmail, { securityNoticeSubject, type SecurityNoticeEmailProps } from "./accounts/security-notice";
import InvoiceEmail, { invoiceSubject, type InvoiceEmailProps } from "./billing/invoice";
import ReceiptEmail, { receiptSubject, type ReceiptEmailProps } from "./billing/receipt";
import InvoiceReminderEmail, { invoiceReminderSubject, type InvoiceReminderEmailProps } from "./billing/invoice-reminder";
import LicenceIssuedEmail, { licenceIssuedSubject, type LicenceIssuedEmailProps } from "./licensing/licence-issued";
import RenewalReminderEmail, { renewalReminderSubject, type RenewalReminderEmailProps } from "./licensing/renewal-reminder";
import PlanEndingEmail, { planEndingSubject, type PlanEndingEmailProps } from "./sla/plan-ending";
import SlaBreachEmail, { slaBreachSubject } from "./sla/breach";
import SlaWarningEmail, { slaWarningSubject, type SlaAlertEmailProps } from "./sla/warning";
import TicketReceivedEmail, { ticketReceivedSubject, type TicketReceivedEmailProps } from "./tickets/received";
import TicketRepliedEmail, { ticketRepliedSubject, type TicketRepliedEmailProps } from "./tickets/replied";
import TicketAssignedEmail, { ticketAssignedSubject, type TicketAssignedEmailProps } from "./tickets/assigned";
import SiteDownEmail, { siteDownSubject, type SiteDownEmailProps } from "./tickets/site-down";
import TeamLeadDigestEmail, { teamLeadDigestSubject, type TeamLeadDigestEmailProps } from "./tickets/digest";
import TicketMergedEmail, { ticketMergedSubject, type TicketMergedEmailProps } from "./tickets/merged";
import TicketStatusChangedEmail, { ticketStatusChangedSubject, type TicketStatusChangedEmailProps } from "./tickets/status-changed";
import QualityAlertEmail, { qualityAlertSubject, type QualityAlertEmailProps } from "./quality/alert";
import ComplaintAcknowledgedEmail, { complaintAcknowledgedSubject, type ComplaintAcknowledgedEmailProps } from "./quality/complaint-acknowledged";
import ComplaintAnsweredEmail, { complaintAnsweredSubject, type ComplaintAnsweredEmailProps } from "./quality/complaint-answered";
import ComplaintReceivedEmail, { complaintReceivedSubject, type ComplaintReceivedEmailProps } from "./quality/complaint-received";
import CsatRequestEmail, { csatRequestSubject, type CsatRequestEmailProps } from "./quality/csat-request";
import ReviewInvitationEmail, { reviewInvitationSubject, type ReviewInvitationEmailProps } from "./quality/review-invitation";
import ReviewPublishedEmail, { reviewPublishedSubject, type ReviewPublishedEmailProps } from "./quality/review-published";
import MailAutoReplyEmail, { mailAutoReplySubject, type MailAutoReplyEmailProps } from "./mail/auto-reply";
import ReviewRejectedEmail, { reviewRejectedSubject, type ReviewRejectedEmailProps } from "./quality/review-rejected";

/**
 * Every email template by name, with its props type and subject. Modules decide *when* to send
 * by name; app/utils/email.server.ts decides *how*.
 */
export type EmailTemplates = {
  invitation: InvitationEmailProps;
  "password-reset": PasswordResetEmailProps;
  "accounts.security-notice": SecurityNoticeEmailProps;
  "billing.invoice": InvoiceEmailProps;
  "billing.receipt": ReceiptEmailProps;
  "billing.invoice-reminder": InvoiceReminderEmailProps;
  "licensing.licence-issued": LicenceIssuedEmailProps;
  "licensing.renewal-reminder": RenewalReminderEmailProps;
  "tickets.received": TicketReceivedEmailProps;
  "tickets.replied": TicketRepliedEmailProps;
  "tickets.status-changed": TicketStatusChangedEmailProps;
  "tickets.merged": TicketMergedEmailProps;
  "tickets.assigned": TicketAssignedEmailProps;
  "tickets.digest": TeamLeadDigestEmailProps;
  "tickets.site-down": SiteDownEmailProps;
  "sla.warning": SlaAlertEmailProps;
  "sla.breach": SlaAlertEmailProps;
  "sla.plan-ending": PlanEndingEmailProps;
  "quality.alert": QualityAlertEmailProps;
  "quality.complaint-received": ComplaintReceivedEmailProps;
  "quality.complaint-acknowledged": ComplaintAcknowledgedEmailProps;
  "quality.complaint-answered": ComplaintAnsweredEmailProps;
  "quality.csat-request": CsatRequestEmailProps;
  "quality.review-invitation": ReviewInvitationEmailProps;
  "quality.review-published": ReviewPublishedEmailProps;
  "quality.review-rejected": ReviewRejectedEmailProps;
  "mail.auto-reply": MailAutoReplyEmailProps;
};

type Entry<P> = { component: ComponentType<P>; subject: (props: P) => string };

export const emailTemplates: { [K in keyof EmailTemplates]: Entry<EmailTemplates[K]> } = {
  invitation: { component: InvitationEmail, subject: invitationSubject },
  "password-reset": { component: PasswordResetEmail, subject: passwordResetSubject },
  "accounts.security-notice": { component: SecurityNoticeEmail, subject: securityNoticeSubject },
  "billing.invoice": { component: InvoiceEmail, subject: invoiceSubject },
  "billing.receipt": { component: ReceiptEmail, subject: receiptSubject },
  "billing.invoice-reminder": { component: InvoiceReminderEmail, subject: invoiceReminderSubject },
  "licensing.licence-issued": { component: LicenceIssuedEmail, subject: licenceIssuedSubject },
  "licensing.renewal-reminder": { component: RenewalReminderEmail, subject: renewalReminderSubject },
  "tickets.received": { component: TicketReceivedEmail, subject: ticketReceivedSubject },
  "tickets.replied": { component: TicketRepliedEmail, subject: ticketRepliedSubject },
  "tickets.status-changed": { component: TicketStatusChangedEmail, subject: ticketStatusChangedSubject },
  "tickets.merged": { component: TicketMergedEmail, subject: ticketMergedSubject },
  "tickets.assigned": { component: TicketAssignedEmail, subject: ticketAssignedSubject },
  "tickets.digest": { component: TeamLeadDigestEmail, subject: teamLeadDigestSubject },
  "tickets.site-down": { component: SiteDownEmail, subject: siteDownSubject },
  "sla.warning": { component: SlaWarningEmail, subject: slaWarningSubject },
  "sla.breach": { component: SlaBreachEmail, subject: slaBreachSubject },
  "sla.plan-ending": { component: PlanEndingEmail, subject: planEndingSubject },
  "quality.alert": { component: QualityAlertEmail, subject: qualityAlertSubject },
  "quality.complaint-received": { component: ComplaintReceivedEmail, subject: complaintReceivedSubject },
  "quality.complaint-acknowledged": { component: ComplaintAcknowledgedEmail, subject: complaintAcknowledgedSubject },
  "quality.complaint-answered": { component: ComplaintAnsweredEmail, subject: complaintAnsweredSubject },
  "quality.csat-request": { component: CsatRequestEmail, subject: csatRequestSubject },
  "quality.review-invitation": { component: ReviewInvitationEmail, subject: reviewInvitationSubject },
  "quality.review-published": { component: ReviewPublishedEmail, subject: reviewPublishedSubject },
  "quality.review-rejected": { component: ReviewRejectedEmail, subject: reviewRejectedSubject },
  "mail.auto-reply": { component: MailAutoReplyEmail, subject: mailAutoReplySubject },
};

export type EmailTemplateName = keyof EmailTemplates;
