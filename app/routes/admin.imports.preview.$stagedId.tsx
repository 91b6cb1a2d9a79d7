import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { AppForm, SubmitButton } from "~/components/app-form";
import { FormError } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { fieldsOf, IMPORT_KINDS, IMPORT_POLICIES, OUTCOMES } from "~/modules/imports/fields";
import { getStagedFile, ImportFileError, parseMappingOverrides, previewImport, runImport } from "~/modules/imports/imports.server";
import { issueText } from "~/modules/imports/messages";
import type { MessageKey } from "~/locales/en";
import { requirePermission } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";
import { translate, pageTitle } from "~/utils/i18n";
import { resolveLocale } from "~/utils/locale.server";
import { breadcrumbs } from "~/components/breadcrumbs";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.importDryRun") }];

const PAGE_ROWS = 100;

const querySchema = z.object({
  kind: z.enum(IMPORT_KINDS).catch("organisations"),
  policy: z.enum(IMPORT_POLICIES).catch("skip"),
  sheet: z.string().trim().max(100).optional().catch(undefined),
  outcome: z.enum(OUTCOMES).optional().catch(undefined),
  offset: z.coerce.number().int().min(0).max(10_000_000).catch(0),
});

/** `map=1` with `c<column>=<field>` is a corrected mapping; otherwise the saved one and header matching apply. */
function mappingFrom(params: URLSearchParams | FormData, kind: (typeof IMPORT_KINDS)[number]) {
  if (params.get("map") !== "1") return null;
  const entries: Record<string, string> = {};
  for (const [key, value] of params.entries()) {
    const m = /^c(\d{1,4})$/.exec(key);
    if (m && typeof value === "string") entries[m[1]!] = value;
  }
  return parseMappingOverrides(kind, entries);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "import:data:any");
  const locale = await resolveLocale(request, user);
  const staged = await getStagedFile(user, params.stagedId ?? "").catch((error) => handleAppError(error));
  if (!("filePath" in staged)) throw new Response("Not found", { status: 404 });
  const search = new URL(request.url).searchParams;
  const q = querySchema.parse(Object.fromEntries(search));
  const base = { stagedId: staged.id, fileName: staged.fileName, kind: q.kind, policy: q.policy, sheet: q.sheet ?? "" };
  try {
    const preview = await previewImport(
      user,
      { filePath: staged.filePath, fileName: staged.fileName, kind: q.kind, policy: q.policy, sheet: q.sheet ?? null, mapping: mappingFrom(search, q.kind) },
      { outcome: q.outcome ?? null, limit: PAGE_ROWS, offset: q.offset },
    );
    const rows = preview.rows.map((row) => ({
      rowNumber: row.rowNumber,
      outcome: row.outcome,
      matchedBy: row.matchedBy,
      matchedRow: row.matchedRow,
      matchedLabel: row.matchedLabel,
      errors: row.errors.map((i) => issueText(i, locale)),
      warnings: row.warnings.map((i) => issueText(i, locale)),
      values: row.values,
      raw: row.raw,
    }));
    return { ...base, problem: null, preview: { ...preview, rows } };
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    const problem = translate(locale, `imports.problem.${error.problem}` as MessageKey, { detail: error.detail ?? "" });
    return data({ ...base, problem, preview: null }, { status: 400 });
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "import:data:any");
  const locale = await resolveLocale(request, user);
  const staged = await getStagedFile(user, params.stagedId ?? "").catch((error) => handleAppError(error));
  if (!("filePath" in staged)) throw new Response("Not found", { status: 404 });
  const form = await request.formData();
  const q = querySchema.parse(Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")));
  try {
    const result = await runImport(user, { filePath: staged.filePath, fileName: staged.fileName, kind: q.kind, policy: q.policy, sheet: q.sheet ?? null, mapping: mappingFrom(form, q.kind) });
    return redirect(`/admin/imports/${result.runId}`);
  } catch (error) {
    if (error instanceof ImportFileError) {
      return data({ formError: translate(locale, `imports.problem.${error.problem}` as MessageKey, { detail: error.detail ?? "" }) }, { status: 400 });
    }
    const failure = handleAppError(error);
    return data({ formError: failure.data.formError }, { status: 400 });
  }
}

/** Breadcrumbs above the heading (the shell draws them). */
export const handle = breadcrumbs<typeof loader>((d, { t }) => [{ to: "/admin/imports", label: t("nav.imports") }, { label: d.fileName }]);

export default function ImportPreview() {
  const { stagedId, fileName, kind, policy, sheet, problem, preview } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useI18n();
  const fieldLabel = (field: string) => t(`imports.field.${field}` as MessageKey);
  const keep = (extra: Record<string, string>) => {
    const next = new URLSearchParams(params);
    next.delete("offset");
    next.delete("outcome");
    for (const [k, v] of Object.entries(extra)) if (v) next.set(k, v);
    return `?${next}`;
  };
  const mappingInputs = (mapping: Record<string, string>, headers: string[]) =>
    headers.map((_, i) => <input key={i} type="hidden" name={`c${i}`} value={mapping[i] ?? ""} />);
  return (
    <>
      <h1>{t("imports.preview", { file: fileName })}</h1>
      <p className="muted">{t("imports.previewIntro")}</p>
      <p>
        <Link to="/admin/imports">{t("imports.startOver")}</Link>
      </p>
      {problem ? <FormError message={problem} /> : null}
      <FormError message={result?.formError} />
      {preview ? (
        <>
          <p>
            {preview.format === "csv"
              ? t("imports.formatCsv", { encoding: preview.encoding ?? "", delimiter: preview.delimiter === "\t" ? "Tab" : (preview.delimiter ?? ""), row: preview.headerRowNumber })
              : t("imports.formatXlsx", { sheet: preview.sheet ?? "", row: preview.headerRowNumber })}
          </p>
          <section className="card">
            <h2 style={{ marginTop: 0 }}>{t("imports.mapping")}</h2>
            <p className="hint">{t("imports.mappingHint")}</p>
            <Form method="get">
              <input type="hidden" name="kind" value={kind} />
              <input type="hidden" name="policy" value={policy} />
              {sheet ? <input type="hidden" name="sheet" value={sheet} /> : null}
              <input type="hidden" name="map" value="1" />
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t("imports.column")}</th>
                      <th scope="col">{t("imports.field")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.headers.map((header, i) => (
                      <tr key={i}>
                        <th scope="row">
                          <label htmlFor={`map-${i}`}>{header || `#${i + 1}`}</label>
                        </th>
                        <td>
                          <select id={`map-${i}`} name={`c${i}`} defaultValue={preview.mapping[i] ?? ""}>
                            <option value="">{t("imports.ignore")}</option>
                            {fieldsOf(kind).map((f) => (
                              <option key={f} value={f}>
                                {fieldLabel(f)}
                              </option>
                            ))}
                          </select>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <button type="submit">{t("imports.applyMapping")}</button>
            </Form>
          </section>
          {preview.missing.length > 0 ? (
            <FormError message={t("imports.missing", { fields: preview.missing.map(fieldLabel).join(", ") })} />
          ) : (
            <>
              <h2>{t("imports.summary", { total: preview.total })}</h2>
              <nav aria-label={t("imports.outcome")} className="toolbar">
                <Link to={keep({})} aria-current={!params.get("outcome") ? "page" : undefined}>
                  {t("imports.outcome.all")}: {preview.total}
                </Link>
                {OUTCOMES.map((o) => (
                  <Link key={o} to={keep({ outcome: o })} aria-current={params.get("outcome") === o ? "page" : undefined}>
                    {t(`imports.outcome.${o}` as MessageKey)}: {preview.counts[o]}
                  </Link>
                ))}
                <span>
                  {t("imports.warnings")}: {preview.warnings}
                </span>
              </nav>
              {preview.rows.length === 0 ? (
                <p className="card">{t("imports.noRows")}</p>
              ) : (
                <div className="table-wrap">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t("imports.row")}</th>
                        <th scope="col">{t("imports.outcome")}</th>
                        <th scope="col">{t("imports.values")}</th>
                        <th scope="col">{t("imports.details")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {preview.rows.map((row) => (
                        <tr key={row.rowNumber}>
                          <td>{row.rowNumber}</td>
                          <td>
                            <span className={`badge${row.outcome === "error" ? " danger" : row.outcome === "create" || row.outcome === "update" ? " ok" : ""}`}>
                              {t(`imports.outcome.${row.outcome}` as MessageKey)}
                            </span>
                          </td>
                          <td>
                            <dl className="import-values">
                              {Object.entries(row.values)
                                .filter(([field, value]) => (value !== null && !(Array.isArray(value) && value.length === 0)) || row.raw[field] !== undefined)
                                .map(([field, value]) => (
                                  <div key={field}>
                                    <dt>{fieldLabel(field)}</dt>
                                    <dd>
                                      {Array.isArray(value) ? value.join(", ") : (value ?? "—")}
                                      {row.raw[field] !== undefined && row.raw[field] !== String(value ?? "") ? <span className="muted"> ← {row.raw[field]}</span> : null}
                                    </dd>
                                  </div>
                                ))}
                            </dl>
                          </td>
                          <td>
                            {row.matchedRow !== null ? <p>{t("imports.matchedRow", { row: row.matchedRow, by: t(`imports.by.${row.matchedBy}` as MessageKey) })}</p> : null}
                            {row.matchedLabel && row.matchedRow === null ? <p>{t("imports.matched", { what: row.matchedLabel, by: t(`imports.by.${row.matchedBy}` as MessageKey) })}</p> : null}
                            {row.errors.length > 0 ? (
                              <ul className="import-errors">
                                {row.errors.map((e, i) => (
                                  <li key={i}>{e}</li>
                                ))}
                              </ul>
                            ) : null}
                            {row.warnings.length > 0 ? (
                              <ul className="import-warnings">
                                {row.warnings.map((w, i) => (
                                  <li key={i}>{w}</li>
                                ))}
                              </ul>
                            ) : null}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              {preview.rows.length === PAGE_ROWS ? (
                <p>
                  <Link to={`?${new URLSearchParams({ ...Object.fromEntries(params), offset: String(preview.shownFrom + PAGE_ROWS) })}`}>{t("imports.moreRows")}</Link>
                </p>
              ) : null}
              <section className="card">
                <p className="hint">{t("imports.importHint")}</p>
                <AppForm method="post" action={`/admin/imports/preview/${stagedId}`} result={result} formError="none">
                  <input type="hidden" name="kind" value={kind} />
                  <input type="hidden" name="policy" value={policy} />
                  {sheet ? <input type="hidden" name="sheet" value={sheet} /> : null}
                  <input type="hidden" name="map" value="1" />
                  {mappingInputs(preview.mapping, preview.headers)}
                  <SubmitButton>{t("imports.import")}</SubmitButton>
                </AppForm>
              </section>
            </>
          )}
        </>
      ) : null}
    </>
  );
}
