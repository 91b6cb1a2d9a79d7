import { Link, useFetcher, useFetchers, useLocation, useNavigation } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { useI18n, useRootData } from "~/components/i18n";
import { TimerIndicator } from "~/components/time/timer-indicator";
import type { MessageKey } from "~/locales/en";
import { filtersToRemember, rememberedListPath } from "~/utils/list-memory";
import type { NavGroup, NavItem } from "~/root";

/**
 * The frame of every page (ADR 190): staff get a sidebar grouped by work, customers a short top
 * bar with "New ticket" one click away, visitors a few public links. The user's tools (timer,
 * account menu with the colour scheme, language, sign-out) sit at the right of the top bar.
 */
export function Shell({ children }: { children: ReactNode }) {
  const data = useRootData();
  const { t } = useI18n();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const sidebarFetcher = useFetcher();
  useStackedTableLabels();
  useBusyButtons();
  useEffect(() => setMenuOpen(false), [location.pathname, location.search]);

  const user = data?.user ?? null;
  const staff = user !== null && user.role !== "customer";
  const pending = sidebarFetcher.formData?.get("sidebar");
  const sidebar = pending === "collapsed" || pending === "expanded" ? pending : (data?.ui.sidebar ?? "expanded");
  const groups = data?.nav ?? [];
  const here = `${location.pathname}${location.search}`;

  const brand = (
    <Link to={user?.home ?? "/"} className="brand">
      <span className="brand-mark" aria-hidden="true">
        K
      </span>
      {t("app.name")}
    </Link>
  );

  const topbar = (
    <header className="topbar">
      {staff ? (
        <>
          <button
            type="button"
            className="icon-button menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="sidebar"
            onClick={() => setMenuOpen((open) => !open)}
          >
            ☰ {t("nav.menu")}
          </button>
          <AppForm method="post" action="/preferences" className="collapse-toggle" fetcher={sidebarFetcher}>
            <input type="hidden" name="redirectTo" value={here} />
            <SubmitButton
              name="sidebar"
              value={sidebar === "collapsed" ? "expanded" : "collapsed"}
              className="icon-button"
              aria-controls="sidebar"
              aria-expanded={sidebar !== "collapsed"}
              title={t(sidebar === "collapsed" ? "nav.expand" : "nav.collapse")}
            >
              <span aria-hidden="true">☰</span>
              <span className="sr-only">{t(sidebar === "collapsed" ? "nav.expand" : "nav.collapse")}</span>
            </SubmitButton>
          </AppForm>
          {brand}
        </>
      ) : (
        brand
      )}
      {!staff && groups.length ? (
        <nav aria-label={t("nav.main")} className="topnav">
          <ul>
            {groups
              .flatMap((g) => g.items)
              .map((item) => (
                <li key={item.to}>
                  <NavItemLink item={item} />
                </li>
              ))}
          </ul>
        </nav>
      ) : null}
      {user?.role === "customer" ? (
        <Link to="/portal/tickets/new" className="button new-ticket">
          + {t("nav.newTicket")}
        </Link>
      ) : null}
      <div className="header-tools">
        <TimerIndicator timer={data?.runningTimer} />
        <UserMenu />
        <LanguageSwitch />
        {user ? (
          <AppForm method="post" action="/logout" className="inline">
            <SubmitButton className="link-button">{t("nav.signOut")}</SubmitButton>
          </AppForm>
        ) : (
          <Link to="/login">{t("nav.signIn")}</Link>
        )}
      </div>
    </header>
  );

  const skip = (
    <a href="#main" className="skip-link">
      {t("app.skip")}
    </a>
  );
  const main = (
    <main id="main" tabIndex={-1}>
      <Breadcrumbs />
      {user ? <RememberedFilters /> : null}
      {children}
    </main>
  );

  if (!staff) {
    return (
      <div className={`shell ${user ? "shell-customer" : "shell-public shell-customer"}`}>
        {skip}
        {topbar}
        {main}
      </div>
    );
  }
  return (
    <div className="shell shell-staff" data-sidebar={sidebar} data-menu={menuOpen ? "open" : "closed"}>
      {skip}
      <aside className="sidebar" id="sidebar">
        {brand}
        <nav aria-label={t("nav.main")}>
          {groups.map((group) => (
            <NavGroupList key={group.label ?? "main"} group={group} />
          ))}
        </nav>
      </aside>
      <div className="shell-main">
        {topbar}
        {main}
      </div>
    </div>
  );
}

/**
 * On a list that remembers its filters (ADR 191) and has some in use: says so and offers to clear
 * them (`?reset=1` forgets them and shows the list unfiltered).
 */
function RememberedFilters() {
  const { t } = useI18n();
  const location = useLocation();
  const path = rememberedListPath(location.pathname);
  if (!path || !filtersToRemember(path, new URLSearchParams(location.search))) return null;
  return (
    <p className="remembered-filters">
      <span className="muted">{t("lists.filtered")}</span>{" "}
      <Link to={`${path}?reset=1`}>{t("lists.clear")}</Link>
    </p>
  );
}

function NavGroupList({ group }: { group: NavGroup }) {
  const { t } = useI18n();
  const id = `nav-${group.label ?? "main"}`.replace(/\W+/g, "-");
  return (
    <section className="nav-group" aria-labelledby={group.label ? id : undefined}>
      {group.label ? <h2 id={id}>{t(group.label)}</h2> : null}
      <ul>
        {group.items.map((item) => (
          <li key={item.to}>
            <NavItemLink item={item} siblings={group.items} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * Whether a link is the current place: the longest matching path wins among siblings, and a
 * link with a query (a queue) only when the query matches — so one link is current, not three.
 */
function matches(item: NavItem, pathname: string, search: URLSearchParams): number {
  const [path, query] = item.to.split("?");
  if (!path) return 0;
  const onPath = pathname === path || (path.split("/").length > 2 && pathname.startsWith(`${path}/`));
  if (!onPath) return 0;
  if (query) {
    for (const [key, value] of new URLSearchParams(query)) if (search.get(key) !== value) return 0;
    return path.length + 1000;
  }
  return path.length;
}

function NavItemLink({ item, siblings = [] }: { item: NavItem; siblings?: NavItem[] }) {
  const { t } = useI18n();
  const location = useLocation();
  const search = new URLSearchParams(location.search);
  const score = matches(item, location.pathname, search);
  const best = Math.max(score, ...siblings.map((s) => matches(s, location.pathname, search)));
  const current = score > 0 && score === best;
  return (
    <Link to={item.to} aria-current={current ? "page" : undefined}>
      <span>{t(item.label)}</span>
      {item.count !== undefined ? <span className={item.alert ? "nav-count alert" : "nav-count"}>{item.count}</span> : null}
    </Link>
  );
}

function LanguageSwitch() {
  const { locale, t } = useI18n();
  const location = useLocation();
  const other = locale === "en" ? "ru" : "en";
  return (
    <AppForm method="post" action="/set-language" className="inline">
      <input type="hidden" name="locale" value={other} />
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      <SubmitButton className="link-button" title={t("lang.switch")} lang={other}>
        {other === "ru" ? "Русский" : "English"}
      </SubmitButton>
    </AppForm>
  );
}

/** Profile, sessions, the customer's account pages and the colour scheme, behind the user's name. */
function UserMenu() {
  const data = useRootData();
  const { t } = useI18n();
  const location = useLocation();
  const fetcher = useFetcher();
  // A link chosen in the menu moves to another page inside the same layout: close the menu there.
  const menu = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [location.pathname]);
  const pending = fetcher.formData?.get("theme");
  const theme = typeof pending === "string" ? pending : (data?.ui.theme ?? "system");
  const pendingDensity = fetcher.formData?.get("density");
  const density = typeof pendingDensity === "string" ? pendingDensity : (data?.ui.density ?? "comfortable");
  const user = data?.user;
  const staff = !!user && user.role !== "customer";
  const account = data?.account ?? [];
  return (
    <>
      {user ? (
        <Link to="/profile" className="user-name">
          {user.name} <span className="muted">({t(`role.${user.role}` as MessageKey)})</span>
        </Link>
      ) : null}
      <details className="user-menu" ref={menu}>
        <summary aria-label={user ? t("nav.userMenu", { name: user.name }) : t("theme.label")} title={user ? t("nav.account") : t("theme.label")}>
          <span aria-hidden="true">⚙</span>
        </summary>
        <div className="user-menu-panel">
          {user ? (
            <ul>
              <li>
                <Link to="/profile">{t("nav.profile")}</Link>
              </li>
              <li>
                <Link to="/profile/sessions">{t("nav.sessions")}</Link>
              </li>
              {account.map((item) => (
                <li key={item.to}>
                  <Link to={item.to}>{t(item.label)}</Link>
                </li>
              ))}
            </ul>
          ) : null}
          <h2 id="theme-label">{t("theme.label")}</h2>
          <AppForm method="post" action="/preferences" className="theme-switch" aria-labelledby="theme-label" fetcher={fetcher}>
            <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
            {(["system", "light", "dark"] as const).map((option) => (
              <SubmitButton key={option} name="theme" value={option} aria-pressed={theme === option}>
                {t(`theme.${option}`)}
              </SubmitButton>
            ))}
          </AppForm>
          {staff ? (
            <>
              <h2 id="density-label">{t("density.label")}</h2>
              <AppForm method="post" action="/preferences" className="theme-switch" aria-labelledby="density-label" fetcher={fetcher}>
                <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
                {(["comfortable", "compact"] as const).map((option) => (
                  <SubmitButton key={option} name="density" value={option} aria-pressed={density === option}>
                    {t(`density.${option}`)}
                  </SubmitButton>
                ))}
              </AppForm>
            </>
          ) : null}
        </div>
      </details>
    </>
  );
}

/**
 * Tables become stacked cards on a phone (styles.css); each cell then shows its column's name,
 * taken from the header row unless the page set its own data-label.
 */
function useStackedTableLabels() {
  const location = useLocation();
  const navigation = useNavigation();
  useEffect(() => {
    if (navigation.state !== "idle") return;
    for (const table of Array.from(document.querySelectorAll("main table"))) {
      const heads = Array.from(table.querySelectorAll("thead th")).map((th) => th.textContent?.trim() ?? "");
      if (heads.length === 0) continue;
      for (const row of Array.from(table.querySelectorAll("tbody tr"))) {
        let column = 0;
        for (const cell of Array.from(row.children)) {
          const label = heads[column];
          if (label && !cell.hasAttribute("data-label")) cell.setAttribute("data-label", label);
          column += Number(cell.getAttribute("colspan") ?? 1);
        }
      }
    }
  }, [location.key, navigation.state]);
}

/**
 * The loading state of every button without touching the pages: the button that submitted a form
 * is marked aria-busy (a spinner in styles.css) until the navigation or fetch has settled.
 */
function useBusyButtons() {
  const navigation = useNavigation();
  const fetchers = useFetchers();
  const busy = navigation.state !== "idle" || fetchers.some((f) => f.state !== "idle");
  useEffect(() => {
    const onSubmit = (event: Event) => {
      const button = (event as SubmitEvent).submitter;
      if (button instanceof HTMLButtonElement) {
        button.setAttribute("aria-busy", "true");
        // A submission that never started (cancelled by the page) must not spin for ever.
        window.setTimeout(() => button.removeAttribute("aria-busy"), 15_000);
      }
    };
    document.addEventListener("submit", onSubmit);
    return () => document.removeEventListener("submit", onSubmit);
  }, []);
  useEffect(() => {
    if (busy) return;
    const timer = window.setTimeout(() => {
      for (const button of Array.from(document.querySelectorAll('button[aria-busy="true"]'))) button.removeAttribute("aria-busy");
    }, 50);
    return () => window.clearTimeout(timer);
  }, [busy]);
}
