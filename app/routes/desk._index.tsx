import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useI18n } from "~/components/i18n";
import type { MessageKey } from "~/locales/en";
import { requireStaff } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Desk · Keydesk" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  return { name: user.name, role: user.role };
}

export default function DeskHome() {
  const { name, role } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <>
      <h1>{t("desk.welcome", { name })}</h1>
      <p className="muted">{t(`role.${role}` as MessageKey)}</p>
      <div className="grid-2">
        <section className="card">
          <h2>{t("nav.organisations")}</h2>
          <Link to="/desk/organisations">{t("orgs.title")}</Link>
        </section>
      </div>
    </>
  );
}
