import type { Actor } from "../accounts/permissions";
import { csatPromptByNumber } from "../quality/csat.server";
import { settledTicketOffers } from "../reviews/offers.server";
import { ticketServiceInfo } from "../services/requests.server";
import { formatResponsePromise } from "../sla/promise";
import { getTicketTimeSummary } from "../time-tracking/entries.server";
import { customerTicketView } from "./customer.server";
import { portalTicketExtras } from "./merge.server";

/** The customer's ticket page: the ticket and every panel beside it, for one contact. */

type Viewer = Actor & { locale: "en" | "ru"; timeZone: string };

/** Everything the customer's ticket page shows (not found for another organisation's ticket). */
export async function portalTicketPage(user: Viewer, number: number, now = new Date()) {
  const view = await customerTicketView(user, number, now);
  // The panels read independently of each other: side by side, not one after another.
  const [timeSummary, serviceInfo, csat, extras, offers] = await Promise.all([
    getTicketTimeSummary(user, { number }, now),
    ticketServiceInfo(user, number),
    csatPromptByNumber(user, number, now),
    portalTicketExtras(user, number),
    settledTicketOffers(user, number),
  ]);
  return {
    ...view,
    promiseText: formatResponsePromise(view.promise, { locale: user.locale, timeZone: user.timeZone, now }),
    timeSummary,
    serviceInfo,
    csat,
    extras,
    offers,
  };
}
