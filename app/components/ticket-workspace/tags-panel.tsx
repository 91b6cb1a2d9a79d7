import { AppForm, SubmitButton } from "~/components/app-form";
import { TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { TagChips } from "~/components/macros/macros-ui";
import type { Workspace, WorkspaceResult } from "./types";

/** The ticket's tags, and (for those who may change the ticket) the field that sets them. */
export function TagsPanel({ view, result }: { view: Workspace; result: WorkspaceResult }) {
  const { t } = useI18n();
  const tagsFailed = result && !result.ok && result.intent === "tags";
  return (
    <section className="card">
      <h2>{t("tags.onTicket")}</h2>
      {view.tags.length > 0 ? <TagChips tags={view.tags} /> : <p className="muted">{t("tags.none")}</p>}
      {view.permissions.update ? (
        // A wrong tag is told under the field (the action names it there), not again above the form.
        <AppForm method="post" result={result} intent="tags" formError="none">
          <TextField
            label={t("tags.input")}
            name="tags"
            list="ticket-tag-choices"
            hint={t("tags.inputHint")}
            key={view.tags.map((x) => x.name).join(",")}
            defaultValue={tagsFailed ? (result.values.tags ?? "") : view.tags.map((x) => x.name).join(", ")}
          />
          <datalist id="ticket-tag-choices">
            {view.tagChoices.map((c) => (
              <option key={c.name} value={c.name}>
                {c.label}
              </option>
            ))}
          </datalist>
          <SubmitButton className="secondary">{t("tags.save")}</SubmitButton>
        </AppForm>
      ) : null}
    </section>
  );
}
