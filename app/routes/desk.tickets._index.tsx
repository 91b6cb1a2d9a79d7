import { pageTitle } from "~/utils/i18n";
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { isMessageKey, type FormMessage } from "~/utils/messages";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormError, Notice } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { useLiveRefresh } from "~/components/live-refresh";
import { BulkBar } from "~/components/queue/bulk-bar";
import { BulkConfirm, useChangeLabel } from "~/components/queue/bulk-confirm";
import { ColumnChooser, QueueFilters } from "~/components/queue/queue-filters";
import { QueueSidebar } from "~/components/queue/queue-sidebar";
import { QueuePager, QueueTable } from "~/components/queue/queue-table";
import { BulkSummaryBlock } from "~/components/tickets/bulk-summary";
import ticketStyles from "../components/tickets/tickets.css?url";
import { requirePermission } from "~/modules/accounts/auth.server";
import { BULK_MAX, TooManyTicketsError } from "~/modules/tickets/bulk.server";
import type { QueueActionResult } from "~/modules/tickets/queue-forms";
import { applyBulkChange, openQueue, previewBulkChange, type BulkRequest } from "~/modules/tickets/queue-page.server";
import { deleteView, renameView, saveView } from "~/modules/tickets/saved-views.server";
import { AppError, handleAppError } from "~/utils/errors.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.queues") }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: ticketStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:ticket:any");
  const opened = await openQueue(user, request);
  if ("redirect" in opened) throw redirect(opened.redirect, { headers: opened.headers });
  return data(opened.page, { headers: opened.headers });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "read:ticket:any");
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string" && key !== "ticket") values[key] = value.slice(0, 2000);
  const fail = (formError: FormMessage, status = 400, params?: Record<string, string | number>) =>
    data<QueueActionResult>({ intent: "error", formError, params, values }, { status });
  const bulk = (): BulkRequest => ({ change: String(form.get("change") ?? ""), view: String(form.get("view") ?? ""), scope: form.get("scope"), tickets: form.getAll("ticket") });
  try {
    switch (intent) {
      case "bulk-preview":
        return data<QueueActionResult>({ intent: "bulk-preview", ...(await previewBulkChange(user, bulk())) });
      case "bulk-apply": {
        const { change, started } = await applyBulkChange(user, bulk());
        // Many tickets: the background job changes them; its progress page follows it live.
        if (started.kind === "queued") return redirect(`/desk/tickets/bulk/${started.runId}`);
        return data<QueueActionResult>({ intent: "bulk-done", change, summary: started.summary });
      }
      case "save-view": {
        const name = String(form.get("name") ?? "");
        await saveView(user, { name, shared: form.get("shared") === "on", params: String(form.get("view") ?? "") });
        return data<QueueActionResult>({ intent: "view-saved", name: name.trim() });
      }
      case "rename-view":
        await renameView(user, String(form.get("viewId") ?? ""), String(form.get("name") ?? ""));
        return data<QueueActionResult>({ intent: "view-changed" });
      case "delete-view":
        await deleteView(user, String(form.get("viewId") ?? ""));
        return data<QueueActionResult>({ intent: "view-changed" });
      default:
        return fail("bulk.invalid");
    }
  } catch (error) {
    if (error instanceof TooManyTicketsError) return fail("bulk.tooMany", 400, { max: BULK_MAX });
    if (error instanceof AppError && (error.code === "invalid" || error.code === "conflict")) return fail(error.userMessage, error.code === "conflict" ? 409 : 400);
    if (error instanceof AppError && error.code === "forbidden") return fail(error.userMessage, 403);
    if (error instanceof AppError && error.code === "not_found") return fail(error.userMessage, 404);
    handleAppError(error, values); // not found becomes a response; anything else is a bug
    throw error;
  }
}

const REFRESH_MS = 45_000;

export default function Queues() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, say } = useI18n();
  const confirming = result?.intent === "bulk-preview" ? result : null;
  // Not while a bulk change waits for confirmation: the page under it must stay as reviewed.
  useLiveRefresh(REFRESH_MS, !confirming);
  const changeLabel = useChangeLabel(loaded);

  /** A catalogue key is translated; a plain message (from a rule deep in a use case) is shown as is. */
  const sayWith = (message: FormMessage, params?: Record<string, string | number>) => (typeof message === "string" && isMessageKey(message) ? t(message, params) : say(message));

  return (
    <>
      <h1>{t("queue.title")}</h1>
      <p>
        <Link to="/desk/tickets/new" className="button secondary">
          {t("onBehalf.link")}
        </Link>
      </p>
      <div className="queue-layout">
        <QueueSidebar loaded={loaded} result={result} />

        <div className="queue-main">
          <QueueFilters loaded={loaded} />
          <ColumnChooser loaded={loaded} />

          {result?.intent === "error" ? <FormError message={sayWith(result.formError, result.params)} /> : null}
          {result?.intent === "view-saved" ? <Notice>{t("views.savedMessage", { name: result.name })}</Notice> : null}
          {result?.intent === "bulk-done" ? <BulkSummaryBlock summary={result.summary} changeLabel={changeLabel(result.change)} /> : null}

          {confirming ? <BulkConfirm preview={confirming} params={loaded.params} changeLabel={changeLabel} /> : null}
          {loaded.mayBulk && loaded.rows.length > 0 && !confirming ? <BulkBar loaded={loaded} /> : null}

          <QueueTable loaded={loaded} />
          <QueuePager loaded={loaded} />
        </div>
      </div>
    </>
  );
}
