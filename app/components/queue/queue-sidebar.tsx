import { Link } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import { TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import type { MessageKey } from "~/locales/en";
import type { QueueActionResult } from "~/modules/tickets/queue-forms";
import { QUEUES, queueStatuses } from "~/modules/tickets/queue-filters";
import type { QueuePageData } from "./queue-data";

/**
 * The built-in queues with their counts, and the saved views (rename, delete, save this one).
 * What their forms answer is said by the page, above the queue.
 */
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
          <AppForm method="post" aria-label={t("views.save")} intent="save-view">
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
            <SubmitButton>{t("views.saveButton")}</SubmitButton>
          </AppForm>
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
      <AppForm method="post" className="inline-form" intent="rename-view">
        <input type="hidden" name="viewId" value={view.id} />
        <TextField label={t("views.name")} name="name" defaultValue={view.name} required maxLength={80} />
        <SubmitButton>{t("views.rename")}</SubmitButton>
      </AppForm>
      <details>
        <summary>{t("views.delete")}</summary>
        <AppForm method="post" intent="delete-view">
          <input type="hidden" name="viewId" value={view.id} />
          <p>{t("views.deleteConfirm", { name: view.name })}</p>
          <SubmitButton className="danger">{t("views.deleteYes")}</SubmitButton>
        </AppForm>
      </details>
    </details>
  );
}
