import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { pageTitle } from "~/utils/i18n";
import { Link, useLoaderData } from "@remix-run/react";
import { useI18n } from "~/components/i18n";
import { Money } from "~/components/licensing";
import { localisedItem } from "~/modules/services/catalogue";
import { listActiveServices } from "~/modules/services/catalogue.server";
import { requireCustomer } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "services.portal.title") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCustomer(request);
  try {
    const items = await listActiveServices(user);
    return {
      items: items.map((i) => ({ id: i.id, ...localisedItem(i, user.locale), unit: i.unit, priceMinor: i.priceMinor, currency: i.currency })),
    };
  } catch (error) {
    throw handleAppError(error);
  }
}

export default function PortalServices() {
  const { items } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <>
      <h1>{t("services.portal.title")}</h1>
      <p className="muted">{t("services.portal.intro")}</p>
      {items.length === 0 ? (
        <p className="card">{t("services.portal.empty")}</p>
      ) : (
        items.map((i) => (
          <section key={i.id} className="card" aria-labelledby={`service-${i.id}`}>
            <h2 id={`service-${i.id}`} style={{ marginTop: 0 }}>
              {i.name}
            </h2>
            {i.description ? <p style={{ whiteSpace: "pre-line" }}>{i.description}</p> : null}
            <p>
              <strong>
                <Money amountMinor={i.priceMinor} currency={i.currency} />
              </strong>{" "}
              {t(`services.unit.${i.unit}`)}
            </p>
            <p>
              <Link to={`/portal/services/${i.id}`}>{t("services.portal.request")}</Link>
            </p>
          </section>
        ))
      )}
    </>
  );
}
