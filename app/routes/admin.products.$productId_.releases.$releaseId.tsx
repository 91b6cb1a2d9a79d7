import { pageTitle } from "~/utils/i18n";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useI18n } from "~/components/i18n";
import { ReleaseForm } from "~/components/release-form";
import { getReleaseForAdmin, updateRelease } from "~/modules/licensing/products.server";
import { discardUpload, parseReleaseUpload } from "~/modules/licensing/release-upload.server";
import { parseLocalDateTime, releaseFormSchema } from "~/modules/licensing/schemas";
import { requirePermission } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";
import { parseForm } from "~/utils/forms";
import { breadcrumbs } from "~/components/breadcrumbs";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.release") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:product:any");
  try {
    const { release, productName } = await getReleaseForAdmin(user, params.productId ?? "", params.releaseId ?? "");
    return {
      productId: release.productId,
      productName,
      release: { version: release.version, notes: release.notes, publishedAt: release.publishedAt, fileName: release.fileName },
      timeZone: user.timeZone,
    };
  } catch (error) {
    throw handleAppError(error);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:product:any");
  const productId = params.productId ?? "";
  const upload = await parseReleaseUpload(request);
  if (!upload.ok) return data({ ok: false, formError: "", fieldErrors: { file: ["release.error.fileTooLarge"] } as Record<string, string[]>, values: upload.values }, { status: 400 });
  const parsed = parseForm(releaseFormSchema, upload.form);
  if (!parsed.ok) {
    await discardUpload(upload.file);
    return data({ ok: false, formError: "", fieldErrors: parsed.fieldErrors, values: parsed.values }, { status: 400 });
  }
  const publishedAt = parseLocalDateTime(parsed.data.publishedAt, user.timeZone);
  try {
    await updateRelease(user, productId, params.releaseId ?? "", { version: parsed.data.version, notes: parsed.data.notes, publishedAt }, upload.file);
    return redirect(`/admin/products/${productId}`);
  } catch (error) {
    await discardUpload(upload.file);
    return handleAppError(error, parsed.values);
  }
}

/** Breadcrumbs above the heading (the shell draws them). */
export const handle = breadcrumbs<typeof loader>((d, { t }) => [{ to: "/admin/products", label: t("nav.products") }, { to: `/admin/products/${d.productId}`, label: d.productName }, { label: d.release.version }]);

export default function AdminRelease() {
  const { productId, productName, release, timeZone } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <>
      <p>
        <Link to={`/admin/products/${productId}`}>← {productName}</Link>
      </p>
      <h1>
        {productName} {release.version}
      </h1>
      <section className="card">
        <ReleaseForm result={result} defaults={release} timeZone={timeZone} submitLabel={t("common.save")} />
      </section>
    </>
  );
}
