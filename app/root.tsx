import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { useI18n, useRootData } from "~/components/i18n";
import { useNonce } from "~/components/nonce";
import type { MessageKey } from "~/locales/en";
import { can, homePathFor } from "~/modules/accounts/permissions";
import { getUser } from "~/modules/accounts/auth.server";
import { Shell } from "~/components/shell";
import { getRunningTimer } from "~/modules/time-tracking/timers.server";
import { hasBillingAccess } from "~/modules/billing/access.server";
import { resolveLocale } from "~/utils/locale.server";
import { readUiPreferences } from "~/utils/ui-preferences.server";
import { applyListMemory } from "~/utils/list-memory.server";
import { rememberedListPath } from "~/utils/list-memory";
import { queueCounts } from "~/modules/tickets/queue-counts.server";
import tokens from "./styles/tokens.css?url";
import stylesheet from "./styles.css?url";
import { getSettings } from "~/modules/settings/settings.server";
import { MB } from "~/modules/tickets/file-types";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: tokens },
  { rel: "stylesheet", href: stylesheet },
];
export const meta: MetaFunction = () => [{ title: "Keydesk" }];

export type NavItem = { to: string; label: MessageKey; count?: number; alert?: boolean };
export type NavGroup = { label: MessageKey | null; items: NavItem[] };

/**
 * The navigation each role may open (ADR 190): staff get groups for the sidebar, customers a
 * short top bar plus their account pages in the user menu, visitors a few public links. Every
 * link is shown only when the permission its page checks is held.
 */
async function navigationFor(user: Awaited<ReturnType<typeof getUser>>, now: Date) {
  const groups: NavGroup[] = [];
  const account: NavItem[] = [];
  const kb: NavItem = user && can(user, "write:article:any") ? { to: "/desk/kb", label: "nav.kb" } : { to: "/kb", label: "nav.kb" };
  if (!user) {
    groups.push({ label: null, items: [{ to: "/products", label: "nav.catalogue" }, { to: "/renew", label: "nav.renew" }, kb] });
  } else if (user.role === "customer") {
    const top: NavItem[] = [{ to: "/portal", label: "nav.home" }, { to: "/portal/tickets", label: "nav.tickets" }, { to: "/portal/licences", label: "nav.licences" }];
    if (can(user, "read:usage:own")) top.push({ to: "/portal/usage", label: "nav.usage" });
    top.push({ to: "/kb", label: "nav.help" });
    groups.push({ label: null, items: top });
    account.push({ to: "/portal/team", label: "nav.team" }, { to: "/portal/plan", label: "nav.plan" }, { to: "/portal/services", label: "nav.services" });
    if (can(user, "read:complaint:own")) account.push({ to: "/portal/complaints", label: "nav.complaints" });
    if (can(user, "create:review:own")) account.push({ to: "/portal/reviews", label: "nav.myReviews" });
    if (await hasBillingAccess(user)) account.push({ to: "/portal/billing", label: "nav.billing" });
  } else {
    const desk: NavItem[] = [{ to: "/desk", label: "nav.desk" }];
    if (can(user, "read:ticket:any")) {
      // Constant-cost counters (ADR 095), so every staff page can show them.
      const counts = await queueCounts(user, now);
      desk.push({ to: "/desk/tickets", label: "nav.queues" });
      desk.push({ to: "/desk/tickets?queue=mine", label: "queue.name.mine", count: counts.mine });
      desk.push({ to: "/desk/tickets?queue=unassigned", label: "queue.name.unassigned", count: counts.unassigned });
      desk.push({ to: "/desk/tickets?queue=breached", label: "queue.name.breached", count: counts.breached, alert: counts.breached > 0 });
      desk.push({ to: "/desk/search", label: "nav.search" });
    }
    if (can(user, "create:time-entry:any")) desk.push({ to: "/desk/time", label: "nav.myTime" });
    if (can(user, "reply:ticket:any")) desk.push({ to: "/desk/macros", label: "macros.title" });
    desk.push(kb);
    // The outbox (what customers were sent) sits with the desk work for engineers and quality;
    // admins find it beside the mail settings.
    const outbox: NavItem | null = can(user, "read:email:any") ? { to: "/desk/outbox", label: "nav.outbox" } : null;
    const outboxWithAdmin = can(user, "manage:settings:any");
    if (outbox && !outboxWithAdmin) desk.push(outbox);
    groups.push({ label: "nav.group.desk", items: desk });
    const quality: NavItem[] = [];
    if (can(user, "read:complaint:any")) quality.push({ to: "/desk/quality", label: "nav.complaints" });
    if (can(user, "read:csat:any")) quality.push({ to: "/desk/quality/csat", label: "nav.csat" });
    if (can(user, "moderate:review:any")) quality.push({ to: "/desk/quality/reviews", label: "nav.reviews" });
    if (can(user, "read:complaint:any")) quality.push({ to: "/desk/quality/root-causes", label: "nav.rootCauses" });
    groups.push({ label: "nav.group.quality", items: quality });
    const reports: NavItem[] = [];
    if (can(user, "read:report:any")) {
      reports.push({ to: "/desk/reports", label: "nav.reports" }, { to: "/desk/reports/time", label: "nav.timeReport" }, { to: "/desk/reports/quality", label: "nav.qualityReport" });
    }
    groups.push({ label: "nav.group.reports", items: reports });
    const customers: NavItem[] = [];
    if (can(user, "read:organisation:any")) customers.push({ to: "/desk/organisations", label: "nav.organisations" });
    if (can(user, "read:licence:any")) customers.push({ to: "/desk/licences", label: "nav.licences" });
    if (can(user, "read:order:any")) customers.push({ to: "/desk/orders", label: "nav.orders" }, { to: "/desk/orders/overdue", label: "overdue.title" });
    groups.push({ label: "nav.group.customers", items: customers });
    const admin: NavItem[] = [];
    if (can(user, "manage:product:any")) admin.push({ to: "/admin/products", label: "nav.products" }, { to: "/admin/services", label: "nav.serviceCatalogue" });
    if (can(user, "manage:plan:any")) admin.push({ to: "/admin/plans", label: "nav.plans" });
    if (can(user, "manage:calendar:any")) admin.push({ to: "/admin/calendars", label: "nav.calendars" });
    if (can(user, "manage:settings:any")) admin.push({ to: "/admin/settings", label: "nav.settings" }, { to: "/admin/mail", label: "nav.mail" });
    if (can(user, "manage:settings:any")) admin.push({ to: "/admin/tags", label: "tags.title" });
    if (can(user, "manage:user:any")) admin.push({ to: "/admin/users", label: "nav.users" });
    if (can(user, "import:data:any")) admin.push({ to: "/admin/imports", label: "nav.imports" });
    if (can(user, "read:audit:any")) admin.push({ to: "/admin/audit", label: "nav.audit" });
    if (outbox && outboxWithAdmin) admin.push(outbox);
    if (can(user, "manage:backup:any")) admin.push({ to: "/admin/backups", label: "nav.backups" });
    groups.push({ label: "nav.group.admin", items: admin });
  }
  return { groups: groups.filter((g) => g.items.length > 0), account };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  // A list opened without a query returns to its last filters (a redirect), ADR 191.
  const listCookie = await applyListMemory(request, user?.id ?? null);
  const locale = await resolveLocale(request, user);
  const now = new Date();
  const [nav, ui] = await Promise.all([navigationFor(user, now), readUiPreferences(request)]);
  const payload = {
    user: user ? { name: user.name, role: user.role, home: homePathFor(user.role) } : null,
    locale,
    timeZone: user?.timeZone ?? "Europe/Moscow",
    nav: nav.groups,
    account: nav.account,
    ui,
    now: now.toISOString(),
    // Staff: the timer running anywhere (any tab or device) shows in the header.
    runningTimer: await runningTimerFor(user),
    // The upload limit (a setting) for the file pickers' early size warning.
    maxUploadBytes: user ? (await getSettings()).tickets.maxUploadMb * MB : null,
  };
  return listCookie ? data(payload, { headers: { "Set-Cookie": listCookie } }) : payload;
}

/** Opening a list that remembers its filters must reach the root loader, which restores them. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ nextUrl, defaultShouldRevalidate }) =>
  defaultShouldRevalidate || rememberedListPath(nextUrl.pathname) !== null;

async function runningTimerFor(user: Awaited<ReturnType<typeof getUser>>) {
  if (!user || user.role === "customer") return null;
  const timer = await getRunningTimer(user);
  return timer ? { ticketNumber: timer.ticketNumber, startedAt: timer.startedAt.toISOString(), serverNow: new Date().toISOString() } : null;
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRootData();
  const nonce = useNonce();
  return (
    <html
      lang={data?.locale ?? "en"}
      data-theme={data?.ui.theme && data.ui.theme !== "system" ? data.ui.theme : undefined}
      data-density={data?.ui.density === "compact" ? "compact" : undefined}
    >
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
