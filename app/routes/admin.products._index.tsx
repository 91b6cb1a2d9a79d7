import { pageTitle } from "~/utils/i18n";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useI18n } from "~/components/i18n";
import { Money } from "~/components/licensing";
import { ProductForm } from "~/components/product-form";
import { createProduct, listProductsForAdmin } from "~/modules/licensing/products.server";
import { productFormSchema } from "~/modules/licensing/schemas";
import { requirePermission } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";
import { parseForm } from "~/utils/forms";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.products") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:product:any");
  return { products: await listProductsForAdmin(user) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:product:any");
  const parsed = parseForm(productFormSchema, await request.formData());
  if (!parsed.ok) return data({ ok: false, formError: "", fieldErrors: parsed.fieldErrors, values: parsed.values }, { status: 400 });
  try {
    const product = await createProduct(user, parsed.data);
    return redirect(`/admin/products/${product.id}`);
  } catch (error) {
    return handleAppError(error, parsed.values);
  }
}

export default function AdminProducts() {
  const { products } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <>
      <h1>{t("adminProd.title")}</h1>
      {products.length === 0 ? (
        <p className="card">{t("common.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("common.name")}</th>
                <th scope="col">{t("adminProd.slug")}</th>
                <th scope="col">{t("shop.price")}</th>
                <th scope="col">{t("adminProd.platform")}</th>
                <th scope="col">{t("common.status")}</th>
              </tr>
            </thead>
            <tbody>
              {products.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/admin/products/${p.id}`}>{p.name}</Link>
                  </td>
                  <td>
                    <Link to={`/products/${p.slug}`}>{p.slug}</Link>
                  </td>
                  <td>{p.free ? t("shop.free") : <Money amountMinor={p.listPriceMinor} currency={p.currency} />}</td>
                  <td>{p.requiredPlatform ?? "—"}</td>
                  <td>{p.active ? t("common.active") : t("adminProd.hidden")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section className="card" style={{ marginTop: 16 }}>
        <h2 style={{ marginTop: 0 }}>{t("adminProd.new")}</h2>
        <ProductForm result={result} submitLabel={t("adminProd.create")} />
      </section>
    </>
  );
}
