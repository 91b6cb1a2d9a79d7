import { useI18n } from "~/components/i18n";
import type { MessageKey } from "~/locales/en";
import type { Workspace } from "./types";

/** The licence the ticket is about, or the organisation's plan when there is none. */
export function LicencePanel({ view }: { view: Workspace }) {
  const { licence } = view;
  const { t, date } = useI18n();
  return (
    <section className="card">
      <h2>{t("desk.licence")}</h2>
      {licence ? (
        <dl className="facts">
          <dt>{t("ticket.product")}</dt>
          <dd>
            {licence.productName} (…{licence.keyEnding})
          </dd>
          <dt>{t("common.status")}</dt>
          <dd>{t(`desk.licenceStatus.${licence.status}` as MessageKey)}</dd>
          <dt>{t("desk.plan")}</dt>
          <dd>{licence.organisationPlan}</dd>
          <dt>{t("desk.supportUntil")}</dt>
          <dd>{date(licence.supportUntil)}</dd>
          <dt>{t("desk.host")}</dt>
          <dd>{licence.productionHost ?? "—"}</dd>
        </dl>
      ) : (
        <>
          <p className="muted">{t("desk.noLicence")}</p>
          <p>
            {t("desk.plan")}: {view.organisationPlan}
          </p>
        </>
      )}
    </section>
  );
}
