import { complaintSubjectIn } from "~/modules/quality/complaint-form";
import { Link } from "@remix-run/react";
import { useI18n } from "~/components/i18n";
import { formatAmount, formatMinutes } from "~/components/time/format";
import type { MessageKey } from "~/locales/en";
import type { CustomerPanel as Panel } from "~/modules/tickets/customer-panel.server";

/** The organisation beside the ticket: licences, plan, open tickets, CSAT, complaints, contacts — each a link. */
export function CustomerPanel({ panel, counters }: { panel: Panel; counters: { freeMinutesLeftToday: number; prepaidBalance: number } | null }) {
  const { t, date, dateTime, locale } = useI18n();
  const org = panel.organisation;
  const licenceState = (l: Panel["licences"][number]) => {
    if (l.status === "active") return l.supportUntil ? t("lic.status.activeUntil", { date: date(l.supportUntil) }) : t("lic.status.activeFree");
    if (l.status === "expired") return l.supportUntil ? t("lic.status.expiredOn", { date: date(l.supportUntil) }) : t("lic.status.revoked");
    return t(`lic.status.${l.status}` as MessageKey);
  };
  return (
    <section className="card customer-panel" aria-labelledby="customer-panel-title">
      <h2 id="customer-panel-title">
        <Link to={`/desk/organisations/${org.id}`}>{org.name}</Link>
      </h2>
      <dl className="facts">
        <dt>{t("panel.plan")}</dt>
        <dd>
          {org.planName ?? "—"}
          {org.planUntil ? ` (${t("panel.planUntil", { date: date(org.planUntil) })})` : ""}
        </dd>
        {counters ? (
          <>
            <dt>{t("panel.freeToday")}</dt>
            <dd>{formatMinutes(t, counters.freeMinutesLeftToday)}</dd>
            <dt>{t("panel.prepaid")}</dt>
            <dd>{formatMinutes(t, counters.prepaidBalance)}</dd>
          </>
        ) : null}
      </dl>

      <h3>{t("panel.licences")}</h3>
      {panel.licences.length === 0 ? (
        <p className="muted">{t("panel.none")}</p>
      ) : (
        <ul>
          {panel.licences.map((l) => (
            <li key={l.id}>
              <Link to={`/desk/licences/${l.id}`}>{l.productName}</Link> <code>{l.key.slice(-9)}</code> — {licenceState(l)}
              {l.renewal ? `; ${t("panel.renewal", { price: formatAmount(l.renewal.amountMinor, l.renewal.currency, locale) })}` : ""}
            </li>
          ))}
        </ul>
      )}
      {panel.moreLicences ? <Link to={`/desk/licences?organisation=${org.id}`}>{t("panel.more")}</Link> : null}

      <h3>{t("panel.openTickets")}</h3>
      {panel.openTickets.length === 0 ? (
        <p className="muted">{t("panel.none")}</p>
      ) : (
        <ul>
          {panel.openTickets.map((o) => (
            <li key={o.number}>
              <Link to={`/desk/tickets/${o.number}`}>#{o.number}</Link> {o.subject} — {t(`ticket.status.${o.status}` as MessageKey)}, {t(`ticket.priority.${o.priority}` as MessageKey)}
              {o.slaDueAt ? `, ${t("panel.due", { at: dateTime(o.slaDueAt) })}` : ""}
            </li>
          ))}
        </ul>
      )}
      {panel.moreOpenTickets ? <Link to={`/desk/tickets?queue=open&organisation=${org.id}`}>{t("panel.more")}</Link> : null}

      <h3>{t("panel.csat")}</h3>
      {panel.csat.length === 0 ? (
        <p className="muted">{t("panel.none")}</p>
      ) : (
        <ul>
          {panel.csat.map((c) => (
            <li key={`${c.number}-${String(c.submittedAt)}`}>
              <Link to={`/desk/tickets/${c.number}`}>#{c.number}</Link> — {t("panel.csatScores", { average: c.average, reach: c.speedToReach, understand: c.speedToUnderstand, quality: c.answerQuality, comfort: c.comfort })} ({date(c.submittedAt)})
            </li>
          ))}
        </ul>
      )}

      {panel.complaints ? (
        <>
          <h3>{t("panel.complaints")}</h3>
          {panel.complaints.length === 0 ? (
            <p className="muted">{t("panel.none")}</p>
          ) : (
            <ul>
              {panel.complaints.map((c) => (
                <li key={c.id}>
                  <Link to={`/desk/quality/complaints/${c.id}`}>{complaintSubjectIn(c.subject, locale)}</Link> — {t(`complaint.status.${c.status}` as MessageKey)} ({date(c.createdAt)})
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}

      <h3>{t("panel.contacts")}</h3>
      {panel.contacts.length === 0 ? (
        <p className="muted">{t("panel.none")}</p>
      ) : (
        <ul>
          {panel.contacts.map((c) => (
            <li key={c.id}>
              {c.name} — <a href={`mailto:${c.email}`}>{c.email}</a>
              {c.phone ? `, ${c.phone}` : ""}
              {c.isPrimaryContact ? ` (${t("panel.primary")})` : ""}
              {c.deactivatedAt ? ` (${t("panel.deactivated")})` : ""}
            </li>
          ))}
        </ul>
      )}
      {panel.moreContacts ? <Link to={`/desk/organisations/${org.id}`}>{t("panel.more")}</Link> : null}
    </section>
  );
}
