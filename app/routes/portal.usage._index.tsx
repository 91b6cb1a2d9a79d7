import { pageTitle } from "~/utils/i18n";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useI18n } from "~/components/i18n";
import { UsageView } from "~/components/time/usage-view";
import { can } from "~/modules/accounts/permissions";
import { listPrepaidCredits } from "~/modules/time-tracking/prepaid.server";
import { getUsage } from "~/modules/time-tracking/usage.server";
import { requireCustomer } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.usage") }];

/** The customer's usage page: counters, the month's entries, previous months, statements. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCustomer(request);
  const url = new URL(request.url);
  try {
    const [usage, credits] = await Promise.all([
      getUsage(user, user.organisationId, { month: url.searchParams.get("month"), after: url.searchParams.get("after") }),
      listPrepaidCredits(user, user.organisationId),
    ]);
    return { usage, credits, canBuy: can(user, "create:order:own") };
  } catch (error) {
    throw handleAppError(error);
  }
}

export default function UsagePage() {
  const { usage, credits, canBuy } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <>
      <h1>{t("usage.title")}</h1>
      <UsageView
        usage={usage}
        credits={credits}
        statementHref={(month) => `/portal/usage/${month}/statement.csv`}
        ticketHref={(n) => `/portal/tickets/${n}`}
        actions={
          canBuy ? (
            <Link to="/portal/usage/buy-hours" className="button secondary">
              {t("usage.buyHours")}
            </Link>
          ) : null
        }
      />
    </>
  );
}
