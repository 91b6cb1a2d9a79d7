import { Link, useFetcher, useLocation } from "@remix-run/react";
import { ConfirmButton } from "~/components/confirm";
import type { MessageKey } from "~/locales/en";
import type { EntryRevision, TicketEntry, TicketTimePanel } from "~/modules/time-tracking/entries.server";
import { timeActionSchemas, type TimeActionResult } from "~/modules/time-tracking/time-actions";
import { AppForm, SubmitButton } from "../app-form";
import { useResultCounter } from "../tickets/ticket-ui";
import { TextAreaField, TextField } from "../forms";
import { complaintSubjectIn } from "~/modules/quality/complaint-form";
import { useI18n } from "../i18n";
import { Elapsed } from "./elapsed";
import { formatMinutes, formatSplit } from "./format";
import { TimeActionOutcome } from "./notices";

/** Where every timer and entry action posts (app/routes/desk.time.tsx). */
export const TIME_ACTION = "/desk/time";

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * The engineer's time panel on the ticket workspace: the server-side timer with a live
 * elapsed display, manual entries, and the ticket's entries with edit / delete / not charged
 * and their history. Every form posts to `/desk/time` through a fetcher, so the workspace's
 * own action is untouched and the page revalidates after each change.
 */
export function TicketTimerPanel({ panel }: { panel: TicketTimePanel }) {
  const { t } = useI18n();
  const location = useLocation();
  const { ticket, totals, counters } = panel;
  const olderHref = panel.nextCursor ? withParam(location.search, "timeAfter", panel.nextCursor) : null;
  const newestHref = new URLSearchParams(location.search).has("timeAfter") ? withParam(location.search, "timeAfter", null) : null;
  return (
    <section className="card time-panel" aria-labelledby="time-panel-title">
      <h2 id="time-panel-title">{t("time.title")}</h2>
      <p>
        {totals.total > 0 ? (
          <>
            <strong>{t("time.onTicket", { total: formatMinutes(t, totals.total) })}</strong> — {formatSplit(t, totals)}
          </>
        ) : (
          t("time.onTicketNone")
        )}
      </p>
      <p className="muted">
        {counters.freeMinutesPerDay > 0
          ? t("time.freeLeftTodayStaff", { left: counters.freeMinutesLeftToday, perDay: counters.freeMinutesPerDay })
          : t("time.noFreeAllowance")}{" "}
        · {t("time.prepaidBalance", { balance: formatMinutes(t, counters.prepaidBalance) })}
      </p>
      {panel.canLog ? <TimerControls panel={panel} /> : null}
      {panel.canLog ? <ManualEntryForm ticketId={ticket.id} today={panel.today} /> : null}
      <h3>{t("time.entries")}</h3>
      {panel.entries.length === 0 ? (
        <p className="muted">{t("common.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("time.when")}</th>
                <th scope="col">{t("time.engineer")}</th>
                <th scope="col">{t("time.minutes")}</th>
                <th scope="col">{t("time.split")}</th>
                <th scope="col">{t("time.note")}</th>
                <th scope="col">{t("common.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {panel.entries.map((entry) => (
                <EntryRow key={entry.id} entry={entry} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {olderHref || newestHref ? (
        <nav className="pager" aria-label={t("time.entries")}>
          {newestHref ? <Link to={newestHref}>{t("time.newestEntries")}</Link> : null}
          {olderHref ? <Link to={olderHref}>{t("time.olderEntries")}</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}

function withParam(search: string, name: string, value: string | null): string {
  const params = new URLSearchParams(search);
  if (value === null) params.delete(name);
  else params.set(name, value);
  const query = params.toString();
  return query ? `?${query}` : "?";
}

function TimerControls({ panel }: { panel: TicketTimePanel }) {
  const { t } = useI18n();
  const fetcher = useFetcher<TimeActionResult>();
  const running = panel.running;
  const here = running?.ticketId === panel.ticket.id;
  return (
    <div className="time-timer" aria-labelledby="time-timer-title">
      <h3 id="time-timer-title">{t("time.timer")}</h3>
      <TimeActionOutcome result={fetcher.data} t={t} />
      <AppForm method="post" action={TIME_ACTION} className="toolbar" fetcher={fetcher} result={fetcher.data} formError="none">
        <input type="hidden" name="ticketId" value={panel.ticket.id} />
        {here && running ? (
          <>
            <p className="time-status">
              {t("time.timerRunningHere")} {t("time.elapsed")}:{" "}
              <Elapsed startedAt={running.startedAt} serverNow={panel.serverNow} label={t("time.elapsed")} />
            </p>
            <SubmitButton name="intent" value="stop">
              {t("time.stop")}
            </SubmitButton>
          </>
        ) : running ? (
          <>
            <p className="time-status">
              <Link to={`/desk/tickets/${running.ticketNumber}`}>{t("time.timerRunningElsewhere", { number: running.ticketNumber })}</Link>{" "}
              <Elapsed startedAt={running.startedAt} serverNow={panel.serverNow} label={t("time.elapsed")} />
            </p>
            <SubmitButton name="intent" value="start">
              {t("time.startHere", { number: running.ticketNumber })}
            </SubmitButton>
          </>
        ) : (
          <>
            <p className="time-status">{t("time.timerIdle")}</p>
            <SubmitButton name="intent" value="start">
              {t("time.start")}
            </SubmitButton>
          </>
        )}
      </AppForm>
      <p className="hint">{t("time.rounding")}</p>
    </div>
  );
}

function ManualEntryForm({ ticketId, today }: { ticketId: string; today: string }) {
  const { t } = useI18n();
  const fetcher = useFetcher<TimeActionResult>();
  const result = fetcher.data;
  // An added entry empties the form (a new one is drawn); a refused one keeps what was typed.
  const added = useResultCounter(result, (r) => r.ok);
  const values = result && !result.ok ? result.values : {};
  return (
    <details className="time-manual" open={Boolean(result && !result.ok)}>
      <summary>{t("time.addManual")}</summary>
      <TimeActionOutcome result={result} t={t} />
      <AppForm method="post" action={TIME_ACTION} key={added} fetcher={fetcher} schema={timeActionSchemas.add} result={result} intent="add" formError="none">
        <input type="hidden" name="ticketId" value={ticketId} />
        <div className="toolbar">
          <TextField label={t("time.date")} name="date" type="date" required defaultValue={values.date ?? today} max={today} />
          <TextField label={t("time.startTime")} name="startTime" type="time" defaultValue={values.startTime ?? ""} />
          <TextField
            label={t("time.minutes")}
            name="minutes"
            type="number"
            inputMode="numeric"
            min={1}
            max={1440}
            step={1}
            required
            defaultValue={values.minutes ?? ""}
          />
        </div>
        <TextAreaField label={t("time.note")} name="note" rows={2} maxLength={2000} hint={t("time.noteHint")} defaultValue={values.note ?? ""} />
        <SubmitButton>{t("time.add")}</SubmitButton>
      </AppForm>
    </details>
  );
}

function EntryRow({ entry }: { entry: TicketEntry }) {
  const { t, locale } = useI18n();
  const fetcher = useFetcher<TimeActionResult>();
  const result = fetcher.data;
  const split = { free: entry.free, prepaid: entry.prepaid, billable: entry.billable, notCharged: entry.notChargedMinutes };
  return (
    <tr>
      <td>
        {entry.localDate} {entry.localTime}
      </td>
      <td>{entry.engineerName}</td>
      <td>
        {formatMinutes(t, entry.minutes)} <span className="muted">({t(`time.source.${entry.source}`)})</span>
      </td>
      <td>
        <SplitBadges split={split} t={t} />
        {entry.notCharged && entry.notChargedReason ? <div className="hint">{t("time.notChargedBecause", { reason: complaintSubjectIn(entry.notChargedReason, locale) })}</div> : null}
        {entry.billableCancelled ? <div className="hint">{t("time.billableCancelled")}</div> : null}
      </td>
      <td className="time-note">{entry.note}</td>
      <td>
        {/* The outcome of this entry's forms (they share one fetcher, so all wait while one is sent). */}
        <TimeActionOutcome result={result} t={t} />
        {entry.mayChange ? (
          <>
            <details>
              <summary>{t("time.edit")}</summary>
              <AppForm method="post" action={TIME_ACTION} fetcher={fetcher} schema={timeActionSchemas.edit} result={result} intent="edit" formError="none">
                <input type="hidden" name="entryId" value={entry.id} />
                <TextField label={t("time.date")} name="date" type="date" required defaultValue={entry.localDate} />
                <TextField label={t("time.startTime")} name="startTime" type="time" defaultValue={entry.localTime} />
                <TextField label={t("time.minutes")} name="minutes" type="number" min={1} max={1440} required defaultValue={entry.minutes} />
                <TextAreaField label={t("time.note")} name="note" rows={2} maxLength={2000} defaultValue={entry.note} />
                <SubmitButton>{t("common.save")}</SubmitButton>
              </AppForm>
            </details>
            {entry.notCharged ? (
              <AppForm method="post" action={TIME_ACTION} fetcher={fetcher} result={result} formError="none">
                <input type="hidden" name="entryId" value={entry.id} />
                <SubmitButton name="intent" value="charge" className="secondary">
                  {t("time.chargeAgain")}
                </SubmitButton>
              </AppForm>
            ) : (
              <details>
                <summary>{t("time.notChargedAction")}</summary>
                <AppForm
                  method="post"
                  action={TIME_ACTION}
                  fetcher={fetcher}
                  schema={timeActionSchemas["not-charged"]}
                  result={result}
                  intent="not-charged"
                  formError="none"
                >
                  <input type="hidden" name="entryId" value={entry.id} />
                  <TextField label={t("time.reason")} name="reason" required maxLength={500} />
                  <SubmitButton className="secondary">{t("time.notChargedAction")}</SubmitButton>
                </AppForm>
              </details>
            )}
            <AppForm method="post" action={TIME_ACTION} fetcher={fetcher} result={result} formError="none">
              <input type="hidden" name="entryId" value={entry.id} />
              <ConfirmButton name="intent" value="delete" message={t("time.confirmDelete")}>
                {t("time.delete")}
              </ConfirmButton>
            </AppForm>
          </>
        ) : null}
        {entry.revisions.length > 0 ? <History revisions={entry.revisions} t={t} /> : null}
      </td>
    </tr>
  );
}

export function SplitBadges({ split, t }: { split: { free: number; prepaid: number; billable: number; notCharged: number }; t: Translate }) {
  const parts: Array<[number, MessageKey, string]> = [
    [split.free, "time.category.free", "ok"],
    [split.prepaid, "time.category.prepaid", ""],
    [split.billable, "time.category.billable", "warn"],
    [split.notCharged, "time.category.notCharged", ""],
  ];
  return (
    <>
      {parts
        .filter(([n]) => n > 0)
        .map(([n, key, tone]) => (
          <span key={key} className={`badge ${tone}`.trim()}>
            {t(key)}: {n}
          </span>
        ))}
    </>
  );
}

function History({ revisions, t }: { revisions: EntryRevision[]; t: Translate }) {
  const { dateTime, date } = useI18n();
  const describe = (s: EntryRevision["before"] | null) =>
    s === null || s.deleted
      ? t("time.historyDeleted")
      : `${formatMinutes(t, s.minutes)}, ${date(s.startedAt)}${s.notCharged ? ` (${t("time.category.notCharged")})` : ""}${s.note ? ` “${s.note}”` : ""}`;
  return (
    <details>
      <summary>{t("time.history", { n: revisions.length })}</summary>
      <ul className="time-history">
        {revisions.map((r) => (
          <li key={r.id}>
            {t("time.historyChange", { when: dateTime(r.changedAt), who: r.changedByName ?? "—", before: describe(r.before), after: describe(r.after) })}
          </li>
        ))}
      </ul>
    </details>
  );
}
