import type { User } from "#db/schema";
import type { SecurityNoticeKind } from "#emails/accounts/security-notice";
import type { Executor } from "~/utils/db.server";
import { queueEmail } from "~/utils/email.server";
import { getEnv } from "~/utils/env.server";
import { formatDateTime } from "~/utils/i18n";
import { describeUserAgent } from "./policy";

export type RequestContext = { ipAddress: string; userAgent: string | null };

export function deviceLabel(userAgent: string | null): string {
  const { browser, os } = describeUserAgent(userAgent);
  return [browser, os].filter(Boolean).join(" / ");
}

/** Queues the security notice email inside the caller's transaction. */
export async function queueSecurityNotice(
  tx: Executor,
  user: Pick<User, "email" | "name" | "locale" | "timeZone">,
  kind: SecurityNoticeKind,
  context: RequestContext,
  now: Date,
): Promise<void> {
  await queueEmail(tx, {
    to: user.email,
    template: "accounts.security-notice",
    props: {
      locale: user.locale,
      name: user.name,
      kind,
      when: formatDateTime(now, user.locale, user.timeZone),
      device: deviceLabel(context.userAgent),
      ipAddress: context.ipAddress,
      profileUrl: `${getEnv().APP_URL}/profile/sessions`,
    },
  });
}
