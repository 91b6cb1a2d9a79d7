import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { useI18n, useRootData } from "~/components/i18n";
import { useNonce } from "~/components/nonce";
import type { MessageKey } from "~/locales/en";
import { can, homePathFor } from "~/modules/accounts/permissions";
import { getUser } from "~/utils/auth.server";
import { TimerIndicator } from "~/components/time/timer-indicator";
import { getRunningTimer } from "~/modules/time-tracking/timers.server";
import { hasBillingAccess } from "~/modules/billing/access.server";
import { resolveLocale } from "~/utils/locale.server";
import stylesheet from "./styles.css?url";
import { getSettings } from "~/modules/settings/settings.server";
import { MB } from "~/modules/tickets/file-types";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];
export const meta: MetaFunction = () => [{ title: "Keydesk" }];

type NavItem = { to: string; label: MessageKey };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const locale = await resolveLocale(request, user);
  const nav: NavItem[] = [];
  if (user?.role === "customer") {
    nav.push({ to: "/portal", label: "nav.home" }, { to: "/portal/team", label: "nav.team" });
    nav.push({ to: "/portal/tickets", label: "nav.tickets" });
    nav.push({ to: "/portal/licences", label: "nav.licences" });
    nav.push({ to: "/portal/plan", label: "nav.plan" });
    nav.push({ to: "/portal/services", label: "nav.services" });
    if (can(user, "read:usage:own")) nav.push({ to: "/portal/usage", label: "nav.usage" });
    if (can(user, "read:complaint:own")) nav.push({ to: "/portal/complaints", label: "nav.complaints" });
    if (can(user, "create:review:own")) nav.push({ to: "/portal/reviews", label: "nav.myReviews" });
    if (await hasBillingAccess(user)) nav.push({ to: "/portal/billing", label: "nav.billing" });
  } else if (user) {
    nav.push({ to: "/desk", label: "nav.desk" }, { to: "/desk/organisations", label: "nav.organisations" });
    if (can(user, "read:ticket:any")) nav.push({ to: "/desk/tickets", label: "nav.queues" });
    if (can(user, "reply:ticket:any")) nav.push({ to: "/desk/macros", label: "macros.title" });
    if (can(user, "read:report:any")) nav.push({ to: "/desk/reports", label: "nav.reports" });
    if (can(user, "read:report:any")) nav.push({ to: "/desk/reports/time", label: "nav.timeReport" });
    if (can(user, "read:complaint:any")) nav.push({ to: "/desk/quality", label: "nav.quality" });
    if (can(user, "moderate:review:any")) nav.push({ to: "/desk/quality/reviews", label: "nav.reviews" });
    if (can(user, "read:report:any")) nav.push({ to: "/desk/reports/quality", label: "nav.qualityReport" });
    if (can(user, "read:licence:any")) nav.push({ to: "/desk/licences", label: "nav.licences" });
    if (can(user, "read:order:any")) nav.push({ to: "/desk/orders", label: "nav.orders" });
    if (can(user, "read:order:any")) nav.push({ to: "/desk/orders/overdue", label: "overdue.title" });
    if (can(user, "manage:product:any")) nav.push({ to: "/admin/products", label: "nav.products" });
    if (can(user, "manage:product:any")) nav.push({ to: "/admin/services", label: "nav.serviceCatalogue" });
    if (can(user, "read:email:any")) nav.push({ to: "/desk/outbox", label: "nav.outbox" });
    if (can(user, "manage:user:any")) {
      nav.push({ to: "/admin/users", label: "nav.users" }, { to: "/admin/audit", label: "nav.audit" });
    }
    if (can(user, "manage:calendar:any")) nav.push({ to: "/admin/calendars", label: "nav.calendars" });
    if (can(user, "manage:plan:any")) nav.push({ to: "/admin/plans", label: "nav.plans" });
    if (can(user, "import:data:any")) nav.push({ to: "/admin/imports", label: "nav.imports" });
    if (can(user, "manage:settings:any")) nav.push({ to: "/admin/settings", label: "nav.settings" });
    if (can(user, "manage:settings:any")) nav.push({ to: "/admin/tags", label: "tags.title" });
    if (can(user, "manage:backup:any")) nav.push({ to: "/admin/backups", label: "nav.backups" });
  }
  if (!user) nav.push({ to: "/products", label: "nav.catalogue" }, { to: "/renew", label: "nav.renew" });
  nav.push(user && can(user, "write:article:any") ? { to: "/desk/kb", label: "nav.kb" } : { to: "/kb", label: "nav.kb" });
  return {
    user: user ? { name: user.name, role: user.role, home: homePathFor(user.role) } : null,
    locale,
    timeZone: user?.timeZone ?? "Europe/Moscow",
    nav,
    // Staff: the timer running anywhere (any tab or device) shows in the header.
    runningTimer: await runningTimerFor(user),
    // The upload limit (a setting) for the file pickers' early size warning.
    maxUploadBytes: user ? (await getSettings()).tickets.maxUploadMb * MB : null,
  };
}

async function runningTimerFor(user: Awaited<ReturnType<typeof getUser>>) {
  if (!user || user.role === "customer") return null;
  const timer = await getRunningTimer(user);
  return timer ? { ticketNumber: timer.ticketNumber, startedAt: timer.startedAt.toISOString(), serverNow: new Date().toISOString() } : null;
}

function LanguageSwitch() {
  const { locale, t } = useI18n();
  const location = useLocation();
  const other = locale === "en" ? "ru" : "en";
  return (
    <Form method="post" action="/set-language" className="inline">
      <input type="hidden" name="locale" value={other} />
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      <button type="submit" className="link-button" title={t("lang.switch")} lang={other}>
        {other === "ru" ? "Русский" : "English"}
      </button>
    </Form>
  );
}

function Shell({ children }: { children: ReactNode }) {
  const data = useRootData();
  const { t } = useI18n();
  return (
    <>
      <a href="#main" className="skip-link">
        {t("app.skip")}
      </a>
      <header className="site-header">
        <Link to={data?.user?.home ?? "/"} className="brand">
          {t("app.name")}
        </Link>
        {data?.nav.length ? (
          <nav aria-label={t("nav.main")}>
            <ul>
              {data.nav.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.to.split("/").length <= 2}>
                    {t(item.label)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <div className="header-tools">
          <TimerIndicator timer={data?.runningTimer} />
          <LanguageSwitch />
          {data?.user ? (
            <>
              <Link to="/profile">
                {data.user.name} <span className="muted">({t(`role.${data.user.role}` as MessageKey)})</span>
              </Link>
              <Form method="post" action="/logout" className="inline">
                <button type="submit" className="link-button">
                  {t("nav.signOut")}
                </button>
              </Form>
            </>
          ) : (
            <Link to="/login">{t("nav.signIn")}</Link>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRootData();
  const nonce = useNonce();
  return (
    <html lang={data?.locale ?? "en"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return (
    <Shell>
      <Outlet />
    </Shell>
  );
}

/** Friendly pages for 404/403/500; never a stack trace. */
export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useI18n();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const kind = ([400, 403, 404, 405, 409, 413, 415, 429] as const).find((known) => known === status) ?? 500;
  if (kind === 500) console.error(error);
  return (
    <Shell>
      <section className="error-page">
        <h1>{t(`error.${kind}.title` as MessageKey)}</h1>
        <p>{t(`error.${kind}.body` as MessageKey)}</p>
        <p>
          <Link to="/">{t("error.home")}</Link>
        </p>
      </section>
    </Shell>
  );
}
