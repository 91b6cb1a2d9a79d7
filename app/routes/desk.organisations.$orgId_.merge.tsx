import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import { FormError, SelectField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import type { MessageKey } from "~/locales/en";
import { getOrganisation, mergeOrganisations, organisationChoices, previewOrganisationMerge } from "~/modules/accounts/organisations.server";
import { requirePermission } from "~/modules/accounts/auth.server";
import { AppError, handleAppError, notFound } from "~/utils/errors.server";
import { isUuid } from "~/utils/pagination";
import { breadcrumbs } from "~/components/breadcrumbs";

/**
 * Merging two organisations (admins): choose the other one and which to keep, read what moves
 * (rows per table), confirm. The merge runs in one transaction; the merged page redirects.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:organisation:any");
  if (!isUuid(params.orgId)) notFound();
  const url = new URL(request.url);
  const withId = url.searchParams.get("with") ?? "";
  try {
    const organisation = await getOrganisation(user, params.orgId);
    if (organisation.mergedIntoId) throw redirect(`/desk/organisations/${organisation.mergedIntoId}?merged=1`);
    const choices = (await organisationChoices()).filter((c) => c.id !== organisation.id);
    if (!isUuid(withId) || !choices.some((c) => c.id === withId)) return { organisation, choices, withId: "", preview: null };
    const keepId = url.searchParams.get("keep") === "other" ? withId : organisation.id;
    const mergeId = keepId === organisation.id ? withId : organisation.id;
    return { organisation, choices, withId, preview: await previewOrganisationMerge(user, keepId, mergeId) };
  } catch (error) {
    throw handleAppError(error);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:organisation:any");
  if (!isUuid(params.orgId)) notFound();
  const form = await request.formData();
  const keepId = String(form.get("keepId") ?? "");
  const mergeId = String(form.get("mergeId") ?? "");
  if (!isUuid(keepId) || !isUuid(mergeId) || (keepId !== params.orgId && mergeId !== params.orgId)) {
    return data({ formError: "orgs.error.merge_choose" }, { status: 400 });
  }
  try {
    await mergeOrganisations(user, keepId, mergeId);
    return redirect(`/desk/organisations/${keepId}?merged=1`);
  } catch (error) {
    if (error instanceof AppError && (error.code === "invalid" || error.code === "conflict")) return data({ formError: error.userMessage }, { status: error.code === "conflict" ? 409 : 400 });
    throw handleAppError(error);
  }
}

/** Breadcrumbs above the heading (the shell draws them). */
export const handle = breadcrumbs<typeof loader>((d, { t, params }) => [{ to: "/desk/organisations", label: t("nav.organisations") }, { to: `/desk/organisations/${params.orgId}`, label: d.organisation.name }, { label: t("crumbs.merge") }]);

export default function MergeOrganisations() {
  const { organisation, choices, withId, preview } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  const tableLabel = (table: string) => {
    const key = `orgs.merge.table.${table}` as MessageKey;
    const text = t(key);
    return text === key ? table : text;
  };
  return (
    <>
      <p>
        <Link to={`/desk/organisations/${organisation.id}`}>← {organisation.name}</Link>
      </p>
      <h1>{t("orgs.merge.title", { name: organisation.name })}</h1>
      <FormError message={result?.formError} />
      <section className="card">
        <Form method="get">
          <SelectField label={t("orgs.merge.with")} name="with" defaultValue={withId}>
            <option value="">—</option>
            {choices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </SelectField>
          <fieldset>
            <legend>{t("orgs.merge.keep")}</legend>
            <label>
              <input type="radio" name="keep" value="" defaultChecked={!preview || preview.keep.id === organisation.id} /> {organisation.name}
            </label>{" "}
            <label>
              <input type="radio" name="keep" value="other" defaultChecked={Boolean(preview && preview.keep.id !== organisation.id)} /> {t("orgs.merge.keepOther")}
            </label>
          </fieldset>
          <button type="submit" className="secondary">
            {t("orgs.merge.preview")}
          </button>
        </Form>
      </section>
      {preview ? (
        <section className="card">
          <h2>{t("orgs.merge.confirmTitle", { merge: preview.merge.name, keep: preview.keep.name })}</h2>
          <p>{t("orgs.merge.explain", { merge: preview.merge.name, keep: preview.keep.name })}</p>
          {preview.counts.length === 0 ? (
            <p>{t("orgs.merge.nothing")}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("orgs.merge.what")}</th>
                    <th scope="col">{t("orgs.merge.rows")}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.counts.map((c) => (
                    <tr key={c.table}>
                      <td>{tableLabel(c.table)}</td>
                      <td>{c.rows}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <AppForm method="post" result={result} formError="none">
            <input type="hidden" name="keepId" value={preview.keep.id} />
            <input type="hidden" name="mergeId" value={preview.merge.id} />
            <SubmitButton className="danger">{t("orgs.merge.confirm", { merge: preview.merge.name, keep: preview.keep.name })}</SubmitButton>
          </AppForm>
        </section>
      ) : null}
    </>
  );
}
