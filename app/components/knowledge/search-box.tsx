import { Form } from "@remix-run/react";
import { useI18n } from "~/components/i18n";

/** The one search box at the top of the desk (and of the portal, over the organisation's own tickets). */
export function HeaderSearchBox({ action, placeholder }: { action: "/desk/search" | "/portal/search"; placeholder: "search.deskPlaceholder" | "search.portalPlaceholder" }) {
  const { t } = useI18n();
  return (
    <Form method="get" action={action} role="search" aria-label={t("search.label")} style={{ display: "flex", gap: 8, justifyContent: "flex-end", marginBottom: 12 }}>
      <label htmlFor="header-search" className="sr-only">
        {t("search.label")}
      </label>
      <input id="header-search" type="search" name="q" placeholder={t(placeholder)} style={{ width: "min(420px, 100%)" }} />
      <button type="submit" className="secondary">
        {t("search.submit")}
      </button>
    </Form>
  );
}
