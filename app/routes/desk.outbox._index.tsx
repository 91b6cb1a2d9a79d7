import { pageTitle } from "~/utils/i18n";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { listEmails } from "~/modules/accounts/outbox.server";
import { requirePermission } from "~/modules/accounts/auth.server";
import { decodeTimeCursor, encodeCursor } from "~/utils/pagination";
import { Pager } from "~/components/pager";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.emailOutbox") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:email:any");
  const url = new URL(request.url);
  const to = url.searchParams.get("to")?.trim().slice(0, 254) || undefined;
  const page = await listEmails(user, { before: decodeTimeCursor(url.searchParams.get("before")) ?? undefined, to });
  return { emails: page.emails, next: page.next ? encodeCursor([page.next.at, page.next.id]) : null };
}

const STATUS_CLASS: Record<string, string> = { sent: "ok", outbox: "", queued: "warn", failed: "danger" };

export default function Outbox() {
  const { emails, next } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t, dateTime } = useI18n();
  const to = params.get("to") ?? "";
  return (
    <>
      <h1>{t("outbox.title")}</h1>
      <p className="muted">{t("outbox.intro")}</p>
      <Form method="get" className="toolbar" role="search">
        <TextField label={t("outbox.to")} name="to" type="search" defaultValue={to} />
        <button type="submit">{t("common.filter")}</button>
      </Form>
      {emails.length === 0 ? (
        <p className="card">{t("common.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("common.created")}</th>
                <th scope="col">{t("outbox.to")}</th>
                <th scope="col">{t("outbox.subject")}</th>
                <th scope="col">{t("outbox.template")}</th>
                <th scope="col">{t("common.status")}</th>
                <th scope="col">{t("outbox.attempts")}</th>
              </tr>
            </thead>
            <tbody>
              {emails.map((e) => (
                <tr key={e.id}>
                  <td>{dateTime(e.createdAt)}</td>
                  <td>{e.toAddress}</td>
                  <td>
                    <Link to={`/desk/outbox/${e.id}`}>{e.subject}</Link>
                  </td>
                  <td>{e.template}</td>
                  <td>
                    <span className={`badge ${STATUS_CLASS[e.status] ?? ""}`}>{e.status}</span>
                  </td>
                  <td>{e.attempts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager next={next} cursor="before" />
    </>
  );
}
