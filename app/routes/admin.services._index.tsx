import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { pageTitle } from "~/utils/i18n";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useI18n } from "~/components/i18n";
import { Money } from "~/components/licensing";
import { ServiceItemForm } from "~/components/services/service-ui";
import { serviceItemFormSchema } from "~/modules/services/catalogue";
import { createServiceItem, listServiceItemsForAdmin } from "~/modules/services/catalogue.server";
import { requirePermission } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";
import { parseForm } from "~/utils/forms";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "services.admin.title") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:product:any");
  const items = await listServiceItemsForAdmin(user);
  return { items: items.map((i) => ({ id: i.id, nameEn: i.nameEn, nameRu: i.nameRu, unit: i.unit, priceMinor: i.priceMinor, currency: i.currency, active: i.active })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:product:any");
  const parsed = parseForm(serviceItemFormSchema, await request.formData());
  if (!parsed.ok) return data({ ok: false, formError: "", fieldErrors: parsed.fieldErrors, values: parsed.values }, { status: 400 });
  try {
    const item = await createServiceItem(user, parsed.data);
    return redirect(`/admin/services/${item.id}?created=1`);
  } catch (error) {
    return handleAppError(error, parsed.values);
  }
}

export default function AdminServices() {
  const { items } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useI18n();
  return (
    <>
      <h1>{t("services.admin.title")}</h1>
      <p className="muted">{t("services.admin.intro")}</p>
      {items.length === 0 ? (
        <p className="card">{t("services.admin.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("common.name")}</th>
                <th scope="col">{t("shop.price")}</th>
                <th scope="col">{t("common.status")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.id}>
                  <td>
                    <Link to={`/admin/services/${i.id}`}>{locale === "ru" ? i.nameRu : i.nameEn}</Link>
                  </td>
                  <td>
                    <Money amountMinor={i.priceMinor} currency={i.currency} /> {t(`services.unit.${i.unit}`)}
                  </td>
                  <td>{i.active ? t("common.active") : t("services.admin.inactive")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section className="card" style={{ marginTop: 16 }}>
        <h2 style={{ marginTop: 0 }}>{t("services.admin.new")}</h2>
        <ServiceItemForm result={result} submitLabel={t("services.admin.create")} />
      </section>
    </>
  );
}
