import { pageTitle } from "~/utils/i18n";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { FieldErrors, FormMessage } from "~/utils/messages";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import { Elapsed } from "~/components/time/elapsed";
import { formatMinutes } from "~/components/time/format";
import { TimeActionOutcome } from "~/components/time/notices";
import { useI18n } from "~/components/i18n";
import { addManualEntry, deleteEntry, editEntry, listMyEntries, setNotCharged, ticketNumberOfEntry } from "~/modules/time-tracking/entries.server";
import { isTimeIntent, timeActionSchemas, type TimeActionResult, type TimeIntent, type TimeNotice } from "~/modules/time-tracking/time-actions";
import { getRunningTimer, startTimer, stopTimer } from "~/modules/time-tracking/timers.server";
import type { SessionUser } from "~/modules/accounts/auth.server";
import { requirePermission } from "~/modules/accounts/auth.server";
import { AppError, statusOf } from "~/utils/errors.server";
import { parseForm } from "~/utils/forms";
import { Pager } from "~/components/pager";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.myTime") }];

/** "My time": the running timer and the person's recent entries. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "create:time-entry:any");
  const url = new URL(request.url);
  const [running, mine] = await Promise.all([getRunningTimer(user), listMyEntries(user, { after: url.searchParams.get("after") })]);
  return { running, ...mine, serverNow: new Date() };
}

/**
 * Every timer and entry action of the ticket workspace posts here (through fetchers), with an
 * `intent`: start | stop | add | edit | delete | not-charged | charge. The answer says what
 * happened (e.g. "your timer on #1041 was stopped: 13 min logged"); refusals come back as data
 * beside what was typed. Without JavaScript the form lands on this page, which shows the same.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "create:time-entry:any");
  const form = await request.formData();
  const intent = form.get("intent");
  if (!isTimeIntent(intent)) return data(failure(undefined, "form.unknownAction", {}, {}), { status: 400 });
  const parsed = parseForm(timeActionSchemas[intent], form);
  if (!parsed.ok) return data(failure(intent, "", parsed.fieldErrors, parsed.values), { status: 400 });
  try {
    return await perform(user, intent, parsed.data as never);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return data(failure(intent, error.userMessage, error.fieldErrors ?? {}, parsed.values), { status: statusOf(error) });
  }
}

function failure(intent: TimeIntent | undefined, formError: FormMessage, fieldErrors: FieldErrors, values: Record<string, string>): TimeActionResult {
  return { ok: false, intent, formError, fieldErrors, values, ticketNumber: null };
}

type Inputs = {
  [K in TimeIntent]: (typeof timeActionSchemas)[K] extends { _zod: { output: infer O } } ? O : never;
};

async function perform<K extends TimeIntent>(user: SessionUser, intent: K, input: Inputs[K]): Promise<TimeActionResult> {
  const ok = (notices: TimeNotice[], ticketNumber: number | null): TimeActionResult => ({ ok: true, intent, notices, ticketNumber });
  switch (intent) {
    case "start": {
      const { ticketId } = input as Inputs["start"];
      const result = await startTimer(user, ticketId);
      const notices: TimeNotice[] = [];
      if (result.stopped) {
        notices.push({ kind: "stoppedOther", ticketNumber: result.stopped.ticketNumber, minutes: result.stopped.minutes, capped: result.stopped.capped });
      }
      notices.push({ kind: result.alreadyRunning ? "alreadyRunning" : "started", ticketNumber: result.timer.ticketNumber });
      return ok(notices, result.timer.ticketNumber);
    }
    case "stop": {
      const { ticketId } = input as Inputs["stop"];
      const result = await stopTimer(user, { ticketId });
      if (result.stopped) {
        return ok(
          [{ kind: "stopped", ticketNumber: result.stopped.ticketNumber, minutes: result.stopped.minutes, capped: result.stopped.capped }],
          result.stopped.ticketNumber,
        );
      }
      if (result.runningElsewhere) return ok([{ kind: "movedElsewhere", ticketNumber: result.runningElsewhere.ticketNumber }], null);
      return ok([{ kind: "notRunning" }], null);
    }
    case "add": {
      const { ticketId, ...entry } = input as Inputs["add"];
      const result = await addManualEntry(user, ticketId, entry);
      return ok([{ kind: "added" }], await ticketNumberOfEntry(result.entryId));
    }
    case "edit": {
      const { entryId, ...entry } = input as Inputs["edit"];
      await editEntry(user, entryId, entry);
      return ok([{ kind: "updated" }], await ticketNumberOfEntry(entryId));
    }
    case "delete": {
      const { entryId } = input as Inputs["delete"];
      await deleteEntry(user, entryId);
      return ok([{ kind: "deleted" }], await ticketNumberOfEntry(entryId));
    }
    case "not-charged": {
      const { entryId, reason } = input as Inputs["not-charged"];
      await setNotCharged(user, entryId, { notCharged: true, reason });
      return ok([{ kind: "markedNotCharged" }], await ticketNumberOfEntry(entryId));
    }
    case "charge": {
      const { entryId } = input as Inputs["charge"];
      await setNotCharged(user, entryId, { notCharged: false });
      return ok([{ kind: "markedCharged" }], await ticketNumberOfEntry(entryId));
    }
  }
  throw new Error(`Unhandled time intent ${String(intent)}`);
}

export default function MyTime() {
  const { running, entries, nextCursor, serverNow } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, dateTime } = useI18n();
  return (
    <>
      <h1>{t("time.myTime")}</h1>
      <p className="muted">{t("time.myTimeIntro")}</p>
      <TimeActionOutcome result={result} t={t} />
      {result?.ticketNumber ? (
        <p>
          <Link to={`/desk/tickets/${result.ticketNumber}`}>{t("time.backToTicket", { number: result.ticketNumber })}</Link>
        </p>
      ) : null}
      <section className="card">
        <h2>{t("time.timer")}</h2>
        {running ? (
          <AppForm method="post" className="toolbar" result={result} formError="none">
            <p className="time-status">
              <Link to={`/desk/tickets/${running.ticketNumber}`}>{t("time.timerRunningElsewhere", { number: running.ticketNumber })}</Link>{" "}
              <Elapsed startedAt={running.startedAt} serverNow={serverNow} label={t("time.elapsed")} />
            </p>
            <SubmitButton name="intent" value="stop">
              {t("time.stop")}
            </SubmitButton>
          </AppForm>
        ) : (
          <p>{t("time.timerIdle")}</p>
        )}
        <p className="hint">{t("time.rounding")}</p>
      </section>
      <h2>{t("time.entries")}</h2>
      {entries.length === 0 ? (
        <p className="card">{t("common.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("time.when")}</th>
                <th scope="col">{t("time.ticket")}</th>
                <th scope="col">{t("time.minutes")}</th>
                <th scope="col">{t("time.note")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>{dateTime(e.startedAt)}</td>
                  <td>
                    <Link to={`/desk/tickets/${e.ticketNumber}`}>#{e.ticketNumber}</Link> {e.ticketSubject}
                  </td>
                  <td>
                    {formatMinutes(t, e.minutes)} <span className="muted">({t(`time.source.${e.source}`)})</span>
                  </td>
                  <td className="time-note">{e.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager next={nextCursor} label={t("time.entries")} />
    </>
  );
}
