import { Link, useSearchParams } from "@remix-run/react";
import { useI18n } from "~/components/i18n";

/**
 * The one pager of keyset lists (see app/utils/pagination.ts): "First" on a later page, "Next"
 * when there is more. The page's filters travel along; only the cursor changes.
 */
export function Pager({ next, cursor = "after", label, nextLabel }: { next: string | null | undefined; cursor?: "after" | "before"; label?: string; nextLabel?: string }) {
  const [params] = useSearchParams();
  const { t } = useI18n();
  const filters = new URLSearchParams(params);
  filters.delete(cursor);
  const following = new URLSearchParams(filters);
  if (next) following.set(cursor, next);
  return (
    <nav className="pager" aria-label={label ?? t("common.pagination")}>
      {params.has(cursor) ? <Link to={`?${filters}`}>{t("common.first")}</Link> : null}
      {next ? <Link to={`?${following}`}>{nextLabel ?? t("common.next")}</Link> : null}
    </nav>
  );
}
