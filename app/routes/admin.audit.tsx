import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { listAuditEntries } from "~/modules/accounts/audit-log.server";
import { requirePermission } from "~/utils/auth.server";
import { decodeTimeCursor, encodeCursor } from "~/utils/pagination";

export const meta: MetaFunction = () => [{ title: "Audit log · Keydesk" }];

const text = z.string().trim().max(200).optional().catch(undefined).transform((v) => v || undefined);
const day = z.iso.date().optional().catch(undefined);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:audit:any");
  const p = new URL(request.url).searchParams;
  const from = day.parse(p.get("from") || undefined);
  const to = day.parse(p.get("to") || undefined);
  const page = await listAuditEntries(user, {
    entityType: text.parse(p.get("entityType") ?? undefined),
    entityId: text.parse(p.get("entityId") ?? undefined),
    action: text.parse(p.get("action") ?? undefined),
    actorEmail: text.parse(p.get("actor")?.toLowerCase() ?? undefined),
    from: from ? new Date(`${from}T00:00:00Z`) : undefined,
    to: to ? new Date(`${to}T23:59:59.999Z`) : undefined,
    before: decodeTimeCursor(p.get("before")) ?? undefined,
  });
  return { entries: page.entries, next: page.next ? encodeCursor([page.next.at, page.next.id]) : null };
}

export default function AuditLog() {
  const { entries, next } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t, dateTime } = useI18n();
  const keep = Object.fromEntries([...params.entries()].filter(([k]) => k !== "before"));
  return (
    <>
      <h1>{t("audit.title")}</h1>
      <Form method="get" className="toolbar" role="search">
        <TextField label={t("audit.entity")} name="entityType" defaultValue={params.get("entityType") ?? ""} placeholder="user, licence, ticket…" />
        <TextField label="ID" name="entityId" defaultValue={params.get("entityId") ?? ""} />
        <TextField label={t("audit.action")} name="action" defaultValue={params.get("action") ?? ""} />
        <TextField label={t("audit.actor")} name="actor" type="email" defaultValue={params.get("actor") ?? ""} />
        <TextField label="From" name="from" type="date" defaultValue={params.get("from") ?? ""} />
        <TextField label="To" name="to" type="date" defaultValue={params.get("to") ?? ""} />
        <button type="submit">{t("common.filter")}</button>
      </Form>
      {entries.length === 0 ? (
        <p className="card">{t("common.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("audit.at")}</th>
                <th scope="col">{t("audit.actor")}</th>
                <th scope="col">{t("audit.action")}</th>
                <th scope="col">{t("audit.entity")}</th>
                <th scope="col">{t("audit.changes")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>{dateTime(e.at)}</td>
                  <td>{e.actorEmail ?? t("audit.system")}</td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>
                    {e.entityType} <span className="muted">{e.entityId.slice(0, 8)}</span>
                  </td>
                  <td>
                    {e.before || e.after ? (
                      <pre className="json">{JSON.stringify({ before: e.before ?? undefined, after: e.after ?? undefined }, null, 1)}</pre>
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label={t("common.pagination")}>
        {params.get("before") ? <Link to={`?${new URLSearchParams(keep)}`}>{t("common.first")}</Link> : null}
        {next ? <Link to={`?${new URLSearchParams({ ...keep, before: next })}`}>{t("common.next")}</Link> : null}
      </nav>
    </>
  );
}
