import { pageTitle } from "~/utils/i18n";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { FieldErrors, FormMessage } from "~/utils/messages";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Notice } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { ProductForm } from "~/components/product-form";
import { ReleaseForm } from "~/components/release-form";
import { formatMajorAmount } from "~/modules/billing/money";
import { createRelease, getProductForAdmin, updateProduct } from "~/modules/licensing/products.server";
import { discardUpload, parseReleaseUpload } from "~/modules/licensing/release-upload.server";
import { parseLocalDateTime, productFormSchema, releaseFormSchema } from "~/modules/licensing/schemas";
import { requirePermission } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";
import { parseForm } from "~/utils/forms";
import { breadcrumbs } from "~/components/breadcrumbs";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: data?.product.name ? `${data?.product.name} · Keydesk` : pageTitle(matches, "title.product") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:product:any");
  try {
    const { product, releases } = await getProductForAdmin(user, params.productId ?? "");
    return {
      product,
      price: product.free ? "" : formatMajorAmount(product.listPriceMinor, product.currency),
      releases: releases.map((r) => ({ id: r.id, version: r.version, publishedAt: r.publishedAt, fileName: r.fileName, fileSize: r.fileSize })),
      timeZone: user.timeZone,
    };
  } catch (error) {
    throw handleAppError(error);
  }
}

type Result = { ok: boolean; intent: string; formError: FormMessage; fieldErrors: FieldErrors; values?: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:product:any");
  const productId = params.productId ?? "";
  const isUpload = (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
  if (!isUpload) {
    const parsed = parseForm(productFormSchema, await request.formData());
    if (!parsed.ok) return data<Result>({ ok: false, intent: "product", formError: "", fieldErrors: parsed.fieldErrors, values: parsed.values }, { status: 400 });
    try {
      await updateProduct(user, productId, parsed.data);
      return data<Result>({ ok: true, intent: "product", formError: "", fieldErrors: {} });
    } catch (error) {
      const failure = handleAppError(error, parsed.values);
      return data<Result>({ ...failure.data, intent: "product" }, failure.init ?? undefined);
    }
  }
  const upload = await parseReleaseUpload(request);
  if (!upload.ok) {
    return data<Result>({ ok: false, intent: "release", formError: "", fieldErrors: { file: ["release.error.fileTooLarge"] }, values: upload.values }, { status: 400 });
  }
  const parsed = parseForm(releaseFormSchema, upload.form);
  if (!parsed.ok) {
    await discardUpload(upload.file);
    return data<Result>({ ok: false, intent: "release", formError: "", fieldErrors: parsed.fieldErrors, values: parsed.values }, { status: 400 });
  }
  try {
    const publishedAt = parseLocalDateTime(parsed.data.publishedAt, user.timeZone);
    if (parsed.data.publishedAt && !publishedAt) {
      await discardUpload(upload.file);
      return data<Result>({ ok: false, intent: "release", formError: "", fieldErrors: { publishedAt: ["release.error.dateTime"] }, values: parsed.values }, { status: 400 });
    }
    await createRelease(user, productId, { version: parsed.data.version, notes: parsed.data.notes, publishedAt }, upload.file);
    return redirect(`/admin/products/${productId}?release=created`);
  } catch (error) {
    await discardUpload(upload.file);
    const failure = handleAppError(error, parsed.values);
    return data<Result>({ ...failure.data, intent: "release" }, failure.init ?? undefined);
  }
}

/** Breadcrumbs above the heading (the shell draws them). */
export const handle = breadcrumbs<typeof loader>((d, { t }) => [{ to: "/admin/products", label: t("nav.products") }, { label: d.product.name }]);

export default function AdminProduct() {
  const { product, price, releases, timeZone } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const { t, dateTime } = useI18n();
  return (
    <>
      <p>
        <Link to="/admin/products">← {t("adminProd.title")}</Link>
      </p>
      <h1>{product.name}</h1>
      {result?.ok ? <Notice>{t("common.saved")}</Notice> : null}
      <section className="card">
        <h2 style={{ marginTop: 0 }}>{t("adminProd.details")}</h2>
        <ProductForm
          result={result?.intent === "product" && !result.ok ? result : undefined}
          defaults={{
            name: product.name,
            slug: product.slug,
            description: product.description,
            currency: product.currency,
            price,
            free: product.free,
            requiredPlatform: product.requiredPlatform ?? "",
            active: product.active,
          }}
          submitLabel={t("common.save")}
        />
        <p className="hint">{t("adminProd.priceChangeNote")}</p>
      </section>
      <section className="card">
        <h2 style={{ marginTop: 0 }}>{t("adminProd.releases")}</h2>
        {releases.length === 0 ? (
          <p>{t("common.empty")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("lic.version")}</th>
                  <th scope="col">{t("lic.published")}</th>
                  <th scope="col">{t("adminProd.file")}</th>
                </tr>
              </thead>
              <tbody>
                {releases.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <Link to={`/admin/products/${product.id}/releases/${r.id}`}>{r.version}</Link>
                    </td>
                    <td>{r.publishedAt ? dateTime(r.publishedAt) : t("adminProd.draft")}</td>
                    <td>{r.fileName ? `${r.fileName} (${Math.ceil((r.fileSize ?? 0) / 1024)} KB)` : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h3>{t("adminProd.newRelease")}</h3>
        <ReleaseForm result={result?.intent === "release" ? result : undefined} timeZone={timeZone} submitLabel={t("adminProd.addRelease")} />
      </section>
    </>
  );
}
