import { pageTitle } from "~/utils/i18n";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { LicenceStatusBadge } from "~/components/licensing";
import { searchLicences } from "~/modules/licensing/licences.server";
import { requirePermission } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";
import { decodeTimeCursor, encodeCursor } from "~/utils/pagination";
import { Pager } from "~/components/pager";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.licences") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:licence:any");
  const url = new URL(request.url);
  const q = url.searchParams.get("q")?.trim().slice(0, 200) || undefined;
  const before = decodeTimeCursor(url.searchParams.get("after")) ?? undefined;
  try {
    const page = await searchLicences(user, { q, before });
    return { licences: page.licences, next: page.next ? encodeCursor([page.next.at, page.next.id]) : null };
  } catch (error) {
    throw handleAppError(error);
  }
}

export default function DeskLicences() {
  const { licences, next } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t, date } = useI18n();
  const q = params.get("q") ?? "";
  return (
    <>
      <h1>{t("deskLic.title")}</h1>
      <Form method="get" className="toolbar" role="search">
        <TextField label={t("deskLic.search")} name="q" type="search" defaultValue={q} hint={t("deskLic.searchHint")} />
        <button type="submit">{t("common.search")}</button>
      </Form>
      {licences.length === 0 ? (
        <p className="card">{t("common.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("lic.key")}</th>
                <th scope="col">{t("lic.product")}</th>
                <th scope="col">{t("common.organisation")}</th>
                <th scope="col">{t("lic.site")}</th>
                <th scope="col">{t("common.status")}</th>
                <th scope="col">{t("common.created")}</th>
              </tr>
            </thead>
            <tbody>
              {licences.map((l) => (
                <tr key={l.id}>
                  <td>
                    <Link to={`/desk/licences/${l.id}`}>
                      <code>{l.key}</code>
                    </Link>
                  </td>
                  <td>{l.productName}</td>
                  <td>
                    <Link to={`/desk/organisations/${l.organisationId}`}>{l.organisationName}</Link>
                  </td>
                  <td>{l.productionHost ?? "—"}</td>
                  <td>
                    <LicenceStatusBadge status={l.status} date={l.date} />
                  </td>
                  <td>{date(l.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager next={next} />
    </>
  );
}
