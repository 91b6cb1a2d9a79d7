import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { AppForm, SubmitButton } from "~/components/app-form";
import { SelectField, TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { IMPORT_KINDS, IMPORT_POLICIES, OUTCOMES } from "~/modules/imports/fields";
import { listImports, SAMPLE_FILES, stageSample, stageUpload } from "~/modules/imports/imports.server";
import { readImportUpload } from "~/modules/imports/upload.server";
import type { MessageKey } from "~/locales/en";
import { requirePermission } from "~/modules/accounts/auth.server";
import { translate, pageTitle } from "~/utils/i18n";
import { resolveLocale } from "~/utils/locale.server";
import { decodeTimeCursor, encodeCursor } from "~/utils/pagination";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.import") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "import:data:any");
  const before = decodeTimeCursor(new URL(request.url).searchParams.get("before"));
  const page = await listImports(user, { before });
  const last = page.runs.at(-1);
  return { runs: page.runs, next: page.hasMore && last ? encodeCursor([last.createdAt, last.id]) : null, samples: SAMPLE_FILES };
}

const uploadSchema = z.object({
  kind: z.enum(IMPORT_KINDS),
  policy: z.enum(IMPORT_POLICIES).catch("skip"),
  sheet: z.string().trim().max(100).optional().catch(undefined),
  sample: z.string().max(100).optional().catch(undefined),
});

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "import:data:any");
  const locale = await resolveLocale(request, user);
  const { formData, file, tooLarge } = await readImportUpload(request);
  const parsed = uploadSchema.safeParse(Object.fromEntries(formData));
  const values = Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  if (!parsed.success) return data({ formError: translate(locale, "imports.kind"), values }, { status: 400 });
  if (tooLarge) return data({ formError: translate(locale, "imports.problem.file_too_large", { detail: "20 MB" }), values }, { status: 400 });
  const staged = parsed.data.sample
    ? await stageSample(user, parsed.data.sample)
    : file
      ? await stageUpload(user, file.fileName, file.bytes)
      : null;
  if (!staged) return data({ formError: translate(locale, "imports.chooseFile"), values }, { status: 400 });
  const query = new URLSearchParams({ kind: parsed.data.kind, policy: parsed.data.policy });
  if (parsed.data.sheet) query.set("sheet", parsed.data.sheet);
  return redirect(`/admin/imports/preview/${staged.id}?${query}`);
}

export default function Imports() {
  const { runs, next, samples } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, dateTime } = useI18n();
  return (
    <>
      <h1>{t("imports.title")}</h1>
      <p className="muted">{t("imports.intro")}</p>
      <section className="card">
        <AppForm method="post" encType="multipart/form-data" schema={uploadSchema} result={result}>
          <SelectField label={t("imports.kind")} name="kind" defaultValue={result?.values.kind ?? "organisations"}>
            {IMPORT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`imports.kind.${k}` as MessageKey)}
              </option>
            ))}
          </SelectField>
          <div className="field">
            <label htmlFor="import-file">{t("imports.file")}</label>
            <input id="import-file" type="file" name="file" accept=".csv,.txt,.tsv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" />
          </div>
          <TextField label={t("imports.sheet")} name="sheet" hint={t("imports.sheetHint")} defaultValue={result?.values.sheet ?? ""} />
          <SelectField label={t("imports.policy")} name="policy" defaultValue={result?.values.policy ?? "skip"}>
            {IMPORT_POLICIES.map((p) => (
              <option key={p} value={p}>
                {t(`imports.policy.${p}` as MessageKey)}
              </option>
            ))}
          </SelectField>
          <SubmitButton>{t("imports.dryRun")}</SubmitButton>
        </AppForm>
      </section>
      <section className="card">
        <h2 style={{ marginTop: 0 }}>{t("imports.sample")}</h2>
        <p className="hint">{t("imports.sampleHint")}</p>
        <ul>
          {samples.map((s) => (
            <li key={s.name}>
              <AppForm method="post" encType="multipart/form-data" style={{ display: "inline" }}>
                <input type="hidden" name="kind" value={s.kind} />
                <input type="hidden" name="sample" value={s.name} />
                <SubmitButton className="link-button">
                  {t("imports.sample")}: {s.name} ({t(`imports.kind.${s.kind}` as MessageKey)})
                </SubmitButton>
              </AppForm>
            </li>
          ))}
        </ul>
      </section>
      <h2>{t("imports.history")}</h2>
      {runs.length === 0 ? (
        <p className="card">{t("imports.historyEmpty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("imports.when")}</th>
                <th scope="col">{t("imports.fileName")}</th>
                <th scope="col">{t("imports.kind")}</th>
                <th scope="col">{t("imports.by")}</th>
                <th scope="col">{t("imports.status")}</th>
                <th scope="col">{t("imports.result")}</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <tr key={run.id}>
                  <td>
                    <Link to={`/admin/imports/${run.id}`}>{dateTime(run.createdAt)}</Link>
                  </td>
                  <td>{run.fileName}</td>
                  <td>{t(`imports.kind.${run.kind}` as MessageKey)}</td>
                  <td>{run.byName ?? "npm run import"}</td>
                  <td>{t(`imports.status.${run.status}` as MessageKey)}</td>
                  <td>
                    {OUTCOMES.filter((o) => run.counts[o] > 0)
                      .map((o) => `${t(`imports.outcome.${o}` as MessageKey)}: ${run.counts[o]}`)
                      .join(" · ") || "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next ? (
        <p>
          <Link to={`?before=${encodeURIComponent(next)}`}>{t("imports.older")}</Link>
        </p>
      ) : null}
    </>
  );
}
