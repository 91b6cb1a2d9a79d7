import { Link, useMatches, type useLoaderData } from "@remix-run/react";
import { useI18n, useRootData } from "~/components/i18n";
import type { MessageKey } from "~/locales/en";

/** One step of the trail; the last one is the page itself (no link). */
export type Crumb = { to?: string; label: string };

type Context = {
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  /** The viewer's role, for pages shared by staff and customers (an order). */
  role: string | null;
  locale: "en" | "ru";
  /** The page's URL parameters. */
  params: Record<string, string | undefined>;
};

/** What a detail page exports as `handle`: the trail from its loader's data. */
export type BreadcrumbHandle = { breadcrumbs: (data: never, context: Context) => Crumb[] };

/**
 * A detail page's trail, typed by its loader:
 * `export const handle = breadcrumbs<typeof loader>((data, { t }) => [{ to: "/desk/licences", label: t("nav.licences") }, { label: data.product.name }])`.
 */
export function breadcrumbs<Loader>(build: (data: ReturnType<typeof useLoaderData<Loader>>, context: Context) => Crumb[]): BreadcrumbHandle {
  return { breadcrumbs: build as BreadcrumbHandle["breadcrumbs"] };
}

function isBreadcrumbHandle(handle: unknown): handle is BreadcrumbHandle {
  return !!handle && typeof handle === "object" && typeof (handle as { breadcrumbs?: unknown }).breadcrumbs === "function";
}

/**
 * The trail of the deepest page that declares one (route `handle`), drawn by the shell above the
 * page's heading: a `nav` landmark named "Breadcrumb", links to the places above, and the page
 * itself marked `aria-current="page"`. A page whose data failed to load (an error page) has none.
 */
export function Breadcrumbs() {
  const matches = useMatches();
  const { t, locale } = useI18n();
  const role = useRootData()?.user?.role ?? null;
  const match = [...matches].reverse().find((m) => isBreadcrumbHandle(m.handle));
  if (!match || match.data === undefined || match.data === null) return null;
  let trail: Crumb[];
  try {
    trail = (match.handle as BreadcrumbHandle).breadcrumbs(match.data as never, { t, role, locale, params: match.params });
  } catch {
    return null;
  }
  if (trail.length < 2) return null;
  return (
    <nav aria-label={t("crumbs.label")} className="breadcrumbs">
      <ol>
        {trail.map((crumb, index) => {
          const last = index === trail.length - 1;
          return (
            <li key={`${index}-${crumb.label}`}>
              {last || !crumb.to ? (
                <span aria-current={last ? "page" : undefined}>{crumb.label}</span>
              ) : (
                <Link to={crumb.to}>{crumb.label}</Link>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
