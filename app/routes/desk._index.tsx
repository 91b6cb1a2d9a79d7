import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useI18n } from "~/components/i18n";
import type { MessageKey } from "~/locales/en";
import { can } from "~/modules/accounts/permissions";
import { queueCounts } from "~/modules/tickets/queue.server";
import { requireStaff } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Desk · Keydesk" }];

const QUEUE_LINKS = ["unassigned", "mine", "open", "breaching", "pending", "on_hold"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const counts = can(user, "read:ticket:any") ? await queueCounts(user) : null;
  return { name: user.name, role: user.role, counts };
}

export default function DeskHome() {
  const { name, role, counts } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <>
      <h1>{t("desk.welcome", { name })}</h1>
      <p className="muted">{t(`role.${role}` as MessageKey)}</p>
      {counts ? (
        <section className="card">
          <h2 style={{ marginTop: 0 }}>
            <Link to="/desk/tickets">{t("queue.title")}</Link>
          </h2>
          <ul className="grid-2" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {QUEUE_LINKS.map((queue) => (
              <li key={queue}>
                <Link to={`/desk/tickets?queue=${queue}`}>
                  {t(`queue.name.${queue}` as MessageKey)}: <strong>{counts[queue]}</strong>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="grid-2">
        <section className="card">
          <h2>{t("nav.organisations")}</h2>
          <Link to="/desk/organisations">{t("orgs.title")}</Link>
        </section>
      </div>
    </>
  );
}
