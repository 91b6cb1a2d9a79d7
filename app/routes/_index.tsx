import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useI18n } from "~/components/i18n";
import { homePathFor } from "~/modules/accounts/permissions";
import { getUser } from "~/modules/accounts/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (user) throw redirect(homePathFor(user.role));
  return null;
}

export default function Home() {
  const { t } = useI18n();
  return (
    <section className="card narrow">
      <h1>{t("home.title")}</h1>
      <p>{t("home.body")}</p>
      <p>
        <Link className="button" to="/login">
          {t("nav.signIn")}
        </Link>
      </p>
    </section>
  );
}
