import { Button, Heading, Text } from "@react-email/components";
import { translate } from "~/utils/i18n";
import { button, EmailLayout, paragraph, type EmailLocale } from "../_components/layout";

export type DigestTicket = { number: number; subject: string; organisationName: string; due: string; assigneeName: string | null; url: string };

export type TeamLeadDigestEmailProps = {
  locale: EmailLocale;
  name: string;
  /** The lead's local day, already formatted. */
  day: string;
  overdue: DigestTicket[];
  overdueTotal: number;
  today: DigestTicket[];
  todayTotal: number;
  queueUrl: string;
  preferencesUrl: string;
};

export const teamLeadDigestSubject = (p: TeamLeadDigestEmailProps) =>
  translate(p.locale, "notifications.digest.subject", { count: p.overdueTotal + p.todayTotal, day: p.day });

function Group({ locale, title, tickets, total }: { locale: EmailLocale; title: string; tickets: DigestTicket[]; total: number }) {
  if (total === 0) return null;
  return (
    <>
      <Heading as="h2" style={{ fontSize: "16px", margin: "16px 0 4px" }}>
        {title}
      </Heading>
      {tickets.map((t) => (
        <Text key={t.number} style={{ ...paragraph, margin: "2px 0" }}>
          <a href={t.url}>
            {translate(locale, "notifications.digest.line", {
              number: t.number,
              subject: t.subject,
              organisation: t.organisationName,
              due: t.due,
              assignee: t.assigneeName ?? translate(locale, "notifications.digest.unassigned"),
            })}
          </a>
        </Text>
      ))}
      {total > tickets.length ? <Text style={paragraph}>{translate(locale, "notifications.digest.more", { count: total - tickets.length })}</Text> : null}
    </>
  );
}

/** The team lead's morning digest: the desk's overdue tickets and those whose SLA runs out today. */
export default function TeamLeadDigestEmail(props: TeamLeadDigestEmailProps) {
  const { locale } = props;
  const intro = translate(locale, "notifications.digest.intro", { day: props.day });
  return (
    <EmailLayout preview={intro} locale={locale} title={teamLeadDigestSubject(props)}>
      <Text style={paragraph}>{translate(locale, "notifications.email.greeting", { name: props.name })}</Text>
      <Text style={paragraph}>{intro}</Text>
      <Group locale={locale} title={translate(locale, "notifications.digest.overdue", { count: props.overdueTotal })} tickets={props.overdue} total={props.overdueTotal} />
      <Group locale={locale} title={translate(locale, "notifications.digest.today", { count: props.todayTotal })} tickets={props.today} total={props.todayTotal} />
      <Button href={props.queueUrl} style={button}>
        {translate(locale, "notifications.digest.openQueue")}
      </Button>
      <Text style={{ ...paragraph, fontSize: "13px" }}>
        <a href={props.preferencesUrl}>{translate(locale, "notifications.digest.preferences")}</a>
      </Text>
    </EmailLayout>
  );
}

TeamLeadDigestEmail.PreviewProps = {
  locale: "en",
  name: "Tatiana Lead",
  day: "2 Dec 2026",
  overdue: [{ number: 1042, subject: "Checkout page shows an error", organisationName: "Romashka LLC", due: "1 Dec 2026, 17:30", assigneeName: "Egor Engineer", url: "http://localhost:3000/desk/tickets/1042" }],
  overdueTotal: 1,
  today: [{ number: 1051, subject: "Licence does not activate", organisationName: "Vector JSC", due: "2 Dec 2026, 14:00", assigneeName: null, url: "http://localhost:3000/desk/tickets/1051" }],
  todayTotal: 1,
  queueUrl: "http://localhost:3000/desk/tickets?queue=breaching",
  preferencesUrl: "http://localhost:3000/profile/notifications",
} satisfies TeamLeadDigestEmailProps;
