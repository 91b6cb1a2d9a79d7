import { pageTitle } from "~/utils/i18n";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import { TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { createOrganisation, listOrganisations } from "~/modules/accounts/organisations.server";
import { can } from "~/modules/accounts/permissions";
import { organisationSchema } from "~/modules/accounts/schemas";
import { requirePermission } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";
import { parseForm } from "~/utils/forms";
import { decodeCursor, encodeCursor, isUuid } from "~/utils/pagination";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.organisations") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:organisation:any");
  const url = new URL(request.url);
  const cursor = decodeCursor(url.searchParams.get("after"), 2);
  const after = cursor && isUuid(cursor[1]) ? { name: cursor[0]!, id: cursor[1]! } : undefined;
  const q = url.searchParams.get("q")?.trim().slice(0, 100) || undefined;
  const page = await listOrganisations(user, { after, q });
  return {
    organisations: page.organisations.map((o) => ({ id: o.id, name: o.name, taxId: o.taxId, email: o.email, phone: o.phone })),
    next: page.next ? encodeCursor([page.next.name, page.next.id]) : null,
    canCreate: can(user, "manage:organisation:any"),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:organisation:any");
  const parsed = parseForm(organisationSchema, await request.formData());
  if (!parsed.ok) return data({ formError: "", fieldErrors: parsed.fieldErrors, values: parsed.values }, { status: 400 });
  try {
    const org = await createOrganisation(user, parsed.data);
    return redirect(`/desk/organisations/${org.id}`);
  } catch (error) {
    return handleAppError(error, parsed.values);
  }
}

export default function Organisations() {
  const { organisations, next, canCreate } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useI18n();
  const q = params.get("q") ?? "";
  return (
    <>
      <h1>{t("orgs.title")}</h1>
      <Form method="get" className="toolbar" role="search">
        <TextField label={t("common.search")} name="q" type="search" defaultValue={q} />
        <button type="submit">{t("common.search")}</button>
      </Form>
      {organisations.length === 0 ? (
        <p className="card">{t("common.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("common.name")}</th>
                <th scope="col">{t("orgs.taxId")}</th>
                <th scope="col">{t("common.email")}</th>
                <th scope="col">{t("orgs.phone")}</th>
              </tr>
            </thead>
            <tbody>
              {organisations.map((o) => (
                <tr key={o.id}>
                  <td>
                    <Link to={`/desk/organisations/${o.id}`}>{o.name}</Link>
                  </td>
                  <td>{o.taxId ?? "—"}</td>
                  <td>{o.email ?? "—"}</td>
                  <td>{o.phone ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label={t("common.pagination")}>
        {params.get("after") ? <Link to={`?${new URLSearchParams(q ? { q } : {})}`}>{t("common.first")}</Link> : null}
        {next ? <Link to={`?${new URLSearchParams({ ...(q ? { q } : {}), after: next })}`}>{t("common.next")}</Link> : null}
      </nav>
      {canCreate ? (
        <section className="card" style={{ marginTop: 16 }}>
          <h2>{t("orgs.new")}</h2>
          <AppForm method="post" schema={organisationSchema} result={result}>
            <TextField label={t("common.name")} name="name" required defaultValue={result?.values?.name} />
            <TextField label={t("orgs.taxId")} name="taxId" defaultValue={result?.values?.taxId} />
            <TextField label={t("common.email")} name="email" type="email" defaultValue={result?.values?.email} />
            <TextField label={t("orgs.phone")} name="phone" type="tel" defaultValue={result?.values?.phone} />
            <SubmitButton>{t("orgs.new")}</SubmitButton>
          </AppForm>
        </section>
      ) : null}
    </>
  );
}
