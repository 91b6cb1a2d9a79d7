import { pageTitle } from "~/utils/i18n";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { ActionResult } from "~/utils/messages";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import { Notice } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { ServiceItemForm } from "~/components/services/service-ui";
import { formatMajorAmount } from "~/modules/billing/money";
import { serviceItemFormSchema } from "~/modules/services/catalogue";
import { getServiceItemForAdmin, setServiceItemActive, updateServiceItem } from "~/modules/services/catalogue.server";
import { requirePermission } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";
import { parseForm } from "~/utils/forms";
import { breadcrumbs } from "~/components/breadcrumbs";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: data?.item.nameEn ? `${data?.item.nameEn} · Keydesk` : pageTitle(matches, "title.service") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:product:any");
  try {
    const item = await getServiceItemForAdmin(user, params.serviceId ?? "");
    return { item, price: formatMajorAmount(item.priceMinor, item.currency) };
  } catch (error) {
    throw handleAppError(error);
  }
}

type Result = ActionResult;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:product:any");
  const id = params.serviceId ?? "";
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "save");
  try {
    if (intent === "deactivate" || intent === "activate") {
      await setServiceItemActive(user, id, intent === "activate");
      return redirect(`/admin/services/${id}?${intent}d=1`);
    }
    const parsed = parseForm(serviceItemFormSchema, form);
    if (!parsed.ok) return data<Result>({ ok: false, formError: "", fieldErrors: parsed.fieldErrors, values: parsed.values }, { status: 400 });
    try {
      await updateServiceItem(user, id, parsed.data);
      return data<Result>({ ok: true, formError: "", fieldErrors: {} });
    } catch (error) {
      return handleAppError(error, parsed.values);
    }
  } catch (error) {
    throw handleAppError(error);
  }
}

/** Breadcrumbs above the heading (the shell draws them). */
export const handle = breadcrumbs<typeof loader>((d, { t, locale }) => [{ to: "/admin/services", label: t("nav.serviceCatalogue") }, { label: locale === "ru" ? d.item.nameRu : d.item.nameEn }]);

export default function AdminService() {
  const { item, price } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const [params] = useSearchParams();
  const { t, locale } = useI18n();
  const name = locale === "ru" ? item.nameRu : item.nameEn;
  const confirming = params.get("confirm") === "deactivate" && item.active;
  return (
    <>
      <p>
        <Link to="/admin/services">← {t("services.admin.back")}</Link>
      </p>
      <h1>{name}</h1>
      {result?.ok || params.get("created") ? <Notice>{t("common.saved")}</Notice> : null}
      {params.get("deactivated") ? <Notice>{t("services.admin.deactivated")}</Notice> : null}
      {params.get("activated") ? <Notice>{t("services.admin.activated")}</Notice> : null}
      <section className="card">
        <h2 style={{ marginTop: 0 }}>{t("services.admin.edit")}</h2>
        <ServiceItemForm
          result={result && !result.ok ? result : undefined}
          defaults={{
            nameEn: item.nameEn,
            nameRu: item.nameRu,
            descriptionEn: item.descriptionEn,
            descriptionRu: item.descriptionRu,
            unit: item.unit,
            price,
            currency: item.currency,
            active: item.active,
          }}
          submitLabel={t("common.save")}
        />
        <p className="hint">{t("services.admin.priceChangeNote")}</p>
      </section>
      <section className="card">
        {item.active ? (
          confirming ? (
            <AppForm method="post" intent="deactivate" role="alertdialog" aria-labelledby="deactivate-question">
              <p id="deactivate-question">{t("services.admin.deactivateConfirm", { name })}</p>
              <div className="toolbar">
                <SubmitButton className="danger">{t("services.admin.deactivateYes")}</SubmitButton>
                <Link to={`/admin/services/${item.id}`}>{t("services.admin.cancel")}</Link>
              </div>
            </AppForm>
          ) : (
            <Link to={`/admin/services/${item.id}?confirm=deactivate`} className="button secondary">
              {t("services.admin.deactivate")}
            </Link>
          )
        ) : (
          <AppForm method="post" intent="activate">
            <SubmitButton className="secondary">{t("services.admin.activate")}</SubmitButton>
          </AppForm>
        )}
      </section>
    </>
  );
}
