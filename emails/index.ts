import type { ComponentType } from "react";
import InvitationEmail, { invitationSubject, type InvitationEmailProps } from "./accounts/invitation";
import PasswordResetEmail, { passwordResetSubject, type PasswordResetEmailProps } from "./accounts/password-reset";

/**
 * Every email template by name, with its props type and subject. Modules decide *when* to send
 * by name; app/utils/email.server.ts decides *how*.
 */
export type EmailTemplates = {
  invitation: InvitationEmailProps;
  "password-reset": PasswordResetEmailProps;
};

type Entry<P> = { component: ComponentType<P>; subject: (props: P) => string };

export const emailTemplates: { [K in keyof EmailTemplates]: Entry<EmailTemplates[K]> } = {
  invitation: { component: InvitationEmail, subject: invitationSubject },
  "password-reset": { component: PasswordResetEmail, subject: passwordResetSubject },
};

export type EmailTemplateName = keyof EmailTemplates;
