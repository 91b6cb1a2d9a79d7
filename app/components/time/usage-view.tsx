import { Form, Link, useLocation } from "@remix-run/react";
import type { MessageKey } from "~/locales/en";
import type { PrepaidCreditRow } from "~/modules/time-tracking/prepaid.server";
import type { Usage } from "~/modules/time-tracking/usage.server";
import { complaintSubjectIn } from "~/modules/quality/complaint-form";
import { useI18n } from "../i18n";
import { formatAmount, formatMinutes, formatMonth } from "./format";
import { SplitBadges } from "./ticket-timer-panel";

/**
 * The usage page body, shared by the customer's /portal/usage and the staff contract page:
 * today's free minutes, the prepaid balance, the month's billable minutes and amount, the
 * month's entries (paged by keyset), previous months and a CSV statement per month.
 */
export function UsageView({
  usage,
  credits,
  statementHref,
  ticketHref,
  actions,
}: {
  usage: Usage;
  credits: PrepaidCreditRow[];
  statementHref: (month: string) => string;
  ticketHref: (ticketNumber: number) => string;
  actions?: React.ReactNode;
}) {
  const { t, locale, date } = useI18n();
  const location = useLocation();
  const money = (minor: number) => formatAmount(minor, usage.contract.currency, locale);
  const monthName = formatMonth(usage.month, locale);
  const { counters, summary } = usage;
  const nextHref = usage.nextCursor ? `?month=${usage.month}&after=${encodeURIComponent(usage.nextCursor)}` : null;
  const onLaterPage = new URLSearchParams(location.search).has("after");
  return (
    <>
      <p>
        {t("usage.intro", {
          perDay: usage.contract.freeMinutesPerDay,
          days: usage.contract.freeDaysPerWeek ? t("usage.daysPerWeek", { n: usage.contract.freeDaysPerWeek }) : "",
          rate: money(usage.contract.hourlyRateMinor),
        })}
      </p>
      <div className="grid-2 usage-counters">
        <div className="card">
          <h2 className="stat-label">{t("usage.freeLeftToday")}</h2>
          <p className="stat" data-testid="free-left-today">
            {t("duration.m", { m: counters.freeMinutesLeftToday })}
          </p>
          <p className="muted">{t("usage.ofPerDay", { n: counters.freeMinutesPerDay })}</p>
        </div>
        <div className="card">
          <h2 className="stat-label">{t("usage.prepaidBalance")}</h2>
          <p className="stat" data-testid="prepaid-balance">
            {formatMinutes(t, counters.prepaidBalance)}
          </p>
          {actions}
        </div>
        <div className="card">
          <h2 className="stat-label">{usage.month === usage.currentMonth ? t("usage.billableMonth") : t("usage.billableIn", { month: monthName })}</h2>
          <p className="stat" data-testid="billable-month">
            {t("usage.amount", { minutes: formatMinutes(t, summary.billable), amount: money(summary.billableAmountMinor) })}
          </p>
        </div>
      </div>

      <Form method="get" className="toolbar">
        <div className="field">
          <label htmlFor="usage-month">{t("usage.month")}</label>
          <input id="usage-month" name="month" type="month" defaultValue={usage.month} max={usage.currentMonth} />
        </div>
        <button type="submit" className="secondary">
          {t("usage.show")}
        </button>
        {usage.month !== usage.currentMonth ? <Link to="?">{t("usage.thisMonth")}</Link> : null}
      </Form>

      <h2>{t("usage.entriesOf", { month: monthName })}</h2>
      <p>
        <a href={statementHref(usage.month)} download>
          {t("usage.statementFor", { month: monthName })}
        </a>
      </p>
      <p>
        {t("usage.total")}: <strong>{formatMinutes(t, summary.total)}</strong> <SplitBadges split={summary} t={t} />
      </p>
      {usage.entries.length === 0 ? (
        <p className="card">{t("usage.noEntries")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("time.date")}</th>
                <th scope="col">{t("time.ticket")}</th>
                <th scope="col">{t("time.engineer")}</th>
                <th scope="col">{t("time.minutes")}</th>
                <th scope="col">{t("time.split")}</th>
                <th scope="col">{t("time.note")}</th>
              </tr>
            </thead>
            <tbody>
              {usage.entries.map((e) => (
                <tr key={e.id}>
                  <td>{e.day}</td>
                  <td>
                    <Link to={ticketHref(e.ticketNumber)}>#{e.ticketNumber}</Link> {e.ticketSubject}{" "}
                    <span className="muted">({t(`time.type.${e.ticketType}` as MessageKey)})</span>
                  </td>
                  <td>{e.engineerName}</td>
                  <td>{formatMinutes(t, e.minutes)}</td>
                  <td>
                    <SplitBadges split={e} t={t} />
                  </td>
                  <td className="time-note">
                    {e.note}
                    {e.notChargedReason ? <div className="hint">{t("time.notChargedBecause", { reason: complaintSubjectIn(e.notChargedReason, locale) })}</div> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {nextHref || onLaterPage ? (
        <nav className="pager" aria-label={t("usage.entriesOf", { month: monthName })}>
          {onLaterPage ? <Link to={`?month=${usage.month}`}>{t("common.first")}</Link> : null}
          {nextHref ? <Link to={nextHref}>{t("common.next")}</Link> : null}
        </nav>
      ) : null}

      <h2>{t("usage.months")}</h2>
      {usage.months.length === 0 ? (
        <p className="card">{t("common.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("usage.month")}</th>
                <th scope="col">{t("time.category.free")}</th>
                <th scope="col">{t("time.category.prepaid")}</th>
                <th scope="col">{t("time.category.billable")}</th>
                <th scope="col">{t("time.category.notCharged")}</th>
                <th scope="col">{t("report.time.amount")}</th>
                <th scope="col">{t("usage.statement")}</th>
              </tr>
            </thead>
            <tbody>
              {usage.months.map((m) => (
                <tr key={m.month}>
                  <th scope="row">
                    <Link to={`?month=${m.month}`}>{formatMonth(m.month, locale)}</Link>
                  </th>
                  <td>{formatMinutes(t, m.free)}</td>
                  <td>{formatMinutes(t, m.prepaid)}</td>
                  <td>{formatMinutes(t, m.billable)}</td>
                  <td>{formatMinutes(t, m.notCharged)}</td>
                  <td>{money(m.billableAmountMinor)}</td>
                  <td>
                    <a href={statementHref(m.month)} download aria-label={t("usage.statementFor", { month: formatMonth(m.month, locale) })}>
                      CSV
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>{t("usage.credits")}</h2>
      <p className="hint">{t("usage.creditsNotRetroactive")}</p>
      {credits.length === 0 ? (
        <p className="card">{t("common.empty")}</p>
      ) : (
        <ul className="card time-credits">
          {credits.map((c) => (
            <li key={c.id}>
              {date(c.at)}: +{formatMinutes(t, c.minutes)} — {t(`usage.credit.${c.source}`)}
              {c.orderNumber ? ` (${t("usage.creditOrder", { number: c.orderNumber })})` : ""}
              {c.note && c.source !== "purchase" ? ` — ${complaintSubjectIn(c.note, locale)}` : ""}
              {c.removed ? <span className="badge danger">{t("usage.creditRemoved")}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
