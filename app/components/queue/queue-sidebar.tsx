import { Form, Link } from "@remix-run/react";
import { TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import type { MessageKey } from "~/locales/en";
import type { QueueActionResult } from "~/modules/tickets/queue-forms";
import { QUEUES, queueStatuses } from "~/modules/tickets/queue-filters";
import type { QueuePageData } from "./queue-data";

/** The built-in queues with their counts, and the saved views (rename, delete, save this one). */
export function QueueSidebar({ loaded, result }: { loaded: QueuePageData; result: QueueActionResult | undefined }) {
  const { filters, counts, views } = loaded;
  const { t } = useI18n();
  const queueLink = (queue: string) => {
    const params = new URLSearchParams(loaded.params);
    params.set("queue", queue);
    if (params.get("status") && !queueStatuses(queue as never).includes(params.get("status") as never)) params.delete("status");
    return `?${params}`;
  };
  return (
    <aside className="queue-sidebar">
      <nav aria-label={t("queue.queues")}>
        <h2 className="sidebar-heading">{t("views.builtIn")}</h2>
        <ul className="queue-tabs">
          {QUEUES.map((queue) => (
            <li key={queue}>
              <Link to={queueLink(queue)} aria-current={filters.queue === queue && !views.some((v) => v.params === loaded.params) ? "page" : undefined}>
                {t(`queue.name.${queue}` as MessageKey)}
                {queue !== "all" ? <span className="count">{counts[queue]}</span> : null}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <nav aria-label={t("views.saved")}>
        <h2 className="sidebar-heading">{t("views.saved")}</h2>
        {views.length === 0 ? (
          <p className="muted">{t("views.none")}</p>
        ) : (
          <ul className="saved-views">
            {views.map((view) => (
              <li key={view.id}>
                <Link to={`?${view.params}`} aria-current={view.params === loaded.params ? "page" : undefined}>
                  {view.name}
                  <span className="count">{view.capped ? t("views.countCapped", { count: view.count }) : view.count}</span>
                </Link>
                {view.shared ? <span className="badge">{t("views.shared")}</span> : null}
                {view.mine ? <EditView view={view} /> : null}
              </li>
            ))}
          </ul>
        )}
        <details className="view-save">
          <summary>{t("views.save")}</summary>
          <Form method="post" aria-label={t("views.save")}>
            <input type="hidden" name="intent" value="save-view" />
            <input type="hidden" name="view" value={loaded.params} />
            <TextField
              label={t("views.name")}
              name="name"
              required
              maxLength={80}
              defaultValue={result?.intent === "error" && result.values.intent === "save-view" ? result.values.name : ""}
            />
            {loaded.mayShare ? (
              <label className="checkbox">
                <input type="checkbox" name="shared" /> {t("views.shareWithTeam")}
              </label>
            ) : null}
            <button type="submit">{t("views.saveButton")}</button>
          </Form>
        </details>
      </nav>
    </aside>
  );
}

/** Rename or delete one's own saved view. */
function EditView({ view }: { view: { id: string; name: string } }) {
  const { t } = useI18n();
  return (
    <details className="view-edit">
      <summary>{t("views.edit", { name: view.name })}</summary>
      <Form method="post" className="inline-form">
        <input type="hidden" name="intent" value="rename-view" />
        <input type="hidden" name="viewId" value={view.id} />
        <TextField label={t("views.name")} name="name" defaultValue={view.name} required maxLength={80} />
        <button type="submit">{t("views.rename")}</button>
      </Form>
      <details>
        <summary>{t("views.delete")}</summary>
        <Form method="post">
          <input type="hidden" name="intent" value="delete-view" />
          <input type="hidden" name="viewId" value={view.id} />
          <p>{t("views.deleteConfirm", { name: view.name })}</p>
          <button type="submit" className="danger">
            {t("views.deleteYes")}
          </button>
        </Form>
      </details>
    </details>
  );
}
