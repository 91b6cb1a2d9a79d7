import { pageTitle } from "~/utils/i18n";
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import { Notice, TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import qualityStyles from "../components/quality/quality.css?url";
import { can } from "~/modules/accounts/permissions";
import { rootCauseCategories, saveRootCauseCategories } from "~/modules/quality/root-causes.server";
import { requirePermission } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.rootcauseCategories") }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: qualityStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:complaint:any");
  return { categories: await rootCauseCategories(user), canEdit: can(user, "update:complaint:any") };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "update:complaint:any");
  const form = await request.formData();
  const codes = form.getAll("code").filter((v): v is string => typeof v === "string");
  const rows = codes.map((code) => ({
    code,
    en: String(form.get(`en.${code}`) ?? ""),
    ru: String(form.get(`ru.${code}`) ?? ""),
    archived: form.get(`archived.${code}`) === "on",
  }));
  const added = { en: String(form.get("newEn") ?? ""), ru: String(form.get("newRu") ?? "") };
  try {
    await saveRootCauseCategories(user, { rows, added });
    return { ok: true as const, formError: "" };
  } catch (error) {
    const failure = handleAppError(error);
    return data({ ok: false as const, formError: failure.data.formError }, failure.init ?? undefined);
  }
}

export default function RootCauses() {
  const { categories, canEdit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <>
      <p>
        <Link to="/desk/quality">← {t("quality.title")}</Link>
      </p>
      <h1>{t("rootCauses.title")}</h1>
      <p className="muted">{t("rootCauses.intro")}</p>
      {result?.ok ? <Notice>{t("common.saved")}</Notice> : null}
      <AppForm method="post" key={categories.map((c) => c.code).join()} result={result}>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("rootCauses.code")}</th>
                <th scope="col">{t("rootCauses.en")}</th>
                <th scope="col">{t("rootCauses.ru")}</th>
                <th scope="col">{t("rootCauses.archived")}</th>
              </tr>
            </thead>
            <tbody>
              {categories.map((c) => (
                <tr key={c.code}>
                  <td>
                    <code>{c.code}</code>
                    <input type="hidden" name="code" value={c.code} />
                  </td>
                  <td>
                    <input name={`en.${c.code}`} defaultValue={c.en} aria-label={`${t("rootCauses.en")} — ${c.code}`} disabled={!canEdit} />
                  </td>
                  <td>
                    <input name={`ru.${c.code}`} defaultValue={c.ru} aria-label={`${t("rootCauses.ru")} — ${c.code}`} disabled={!canEdit} />
                  </td>
                  <td>
                    <input type="checkbox" name={`archived.${c.code}`} defaultChecked={c.archived} aria-label={`${t("rootCauses.archived")} — ${c.code}`} disabled={!canEdit} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {canEdit ? (
          <fieldset style={{ marginTop: 16 }}>
            <legend>{t("rootCauses.add")}</legend>
            <div className="inline-form">
              <TextField label={t("rootCauses.en")} name="newEn" />
              <TextField label={t("rootCauses.ru")} name="newRu" />
            </div>
          </fieldset>
        ) : null}
        {canEdit ? <SubmitButton>{t("common.save")}</SubmitButton> : null}
      </AppForm>
    </>
  );
}
