/** Email as a channel: the mailbox settings page, inbound mail and the texts added to emailed tickets. */
export const mailEn = {
  "mail.noSubject": "(no subject)",
  "mail.attachmentRefused": "Attachment not accepted: {name} — {reason}",
  "mail.refusal.too_large": "larger than 25 MB",
  "mail.refusal.empty": "the file is empty",
  "mail.refusal.type_not_accepted": "this type of file is not accepted",
  "mail.refusal.too_many": "too many files in one message",
};
