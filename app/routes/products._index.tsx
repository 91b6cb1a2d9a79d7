import { pageTitle } from "~/utils/i18n";
import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useI18n } from "~/components/i18n";
import { Money } from "~/components/licensing";
import { listCatalogue } from "~/modules/licensing/products.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.products") }];

export async function loader() {
  return { products: await listCatalogue() };
}

export default function Catalogue() {
  const { products } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <>
      <h1>{t("shop.title")}</h1>
      <p className="muted">{t("shop.intro")}</p>
      {products.length === 0 ? (
        <p className="card">{t("common.empty")}</p>
      ) : (
        <ul className="product-grid" style={{ listStyle: "none", padding: 0 }}>
          {products.map((p) => (
            <li key={p.id} className="card">
              <h2 style={{ marginTop: 0 }}>
                <Link to={`/products/${p.slug}`}>{p.name}</Link>
              </h2>
              <p className="price">{p.free ? t("shop.free") : <Money amountMinor={p.listPriceMinor} currency={p.currency} />}</p>
              {p.renewal ? (
                <p className="muted">
                  {t("shop.renewalShort")} <Money amountMinor={p.renewal.amountMinor} currency={p.renewal.currency} />
                </p>
              ) : null}
              {p.requiredPlatform ? <p>{t("shop.requiresPlatform", { platform: p.requiredPlatform })}</p> : null}
              <p>{p.description.split("\n")[0]}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
