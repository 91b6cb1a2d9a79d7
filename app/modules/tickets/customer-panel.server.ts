/**
 * The customer beside the ticket (issue 18): what an engineer needs about the organisation
 * without leaving the ticket — its licences with support state and renewal price, its plan, its
 * other open tickets, the latest CSAT answers, open complaints and its contacts. Each list is
 * bounded and read by an index on the organisation; the free minutes and prepaid balance come
 * with the ticket's time panel.
 */
import { and, asc, desc, eq, inArray, ne, notInArray, sql } from "drizzle-orm";
import { complaints, csatResponses, licences, organisations, products, supportPlans, tickets, users } from "#db/schema";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { can, type Actor } from "../accounts/permissions";
import { displayLicenceKey } from "../licensing/licence-key";
import { deriveLicenceStatus } from "../licensing/licence-status";
import { renewalPrice } from "../licensing/renewal-pricing";
import { getSettings } from "../settings/settings.server";

const ACTIVE = ["new", "open", "pending", "on_hold"] as const;
/** How many of each list the panel shows; the organisation's page has the rest. */
export const PANEL_LIMIT = 8;

/** `organisationId`: the ticket's organisation when the caller has the ticket already (one read fewer). */
export async function customerPanel(actor: Actor, ticketId: string, now = new Date(), known?: { organisationId: string }) {
  if (actor.role === "customer" || !can(actor, "read:organisation:any")) throw AppError.notFound();
  const ticket = known
    ? { id: ticketId, organisationId: known.organisationId }
    : (await db.select({ id: tickets.id, organisationId: tickets.organisationId }).from(tickets).where(eq(tickets.id, ticketId)).limit(1))[0];
  if (!ticket) throw AppError.notFound();
  const organisationId = ticket.organisationId;
  const [organisation, licenceRows, openTickets, csat, openComplaints, contacts, settings] = await Promise.all([
    db
      .select({ id: organisations.id, name: organisations.name, planName: supportPlans.name, planUntil: organisations.planUntil })
      .from(organisations)
      // No plan of its own means the default plan, as everywhere else.
      .leftJoin(supportPlans, sql`${supportPlans.id} = coalesce(${organisations.planId}, (select sp.id from support_plans sp where sp.is_default order by sp.created_at limit 1))`)
      .where(eq(organisations.id, organisationId))
      .limit(1)
      .then((rows) => rows[0] ?? null),
    db
      .select({ licence: licences, productName: products.name, free: products.free, listPriceMinor: products.listPriceMinor, currency: products.currency })
      .from(licences)
      .innerJoin(products, eq(products.id, licences.productId))
      .where(eq(licences.organisationId, organisationId))
      .orderBy(asc(licences.supportUntil), asc(licences.id))
      .limit(PANEL_LIMIT + 1),
    db
      .select({ number: tickets.number, subject: tickets.subject, status: tickets.status, priority: tickets.priority, slaDueAt: tickets.slaDueAt })
      .from(tickets)
      .where(and(eq(tickets.organisationId, organisationId), inArray(tickets.status, [...ACTIVE]), ne(tickets.id, ticket.id)))
      .orderBy(asc(tickets.slaDueAt), asc(tickets.id))
      .limit(PANEL_LIMIT + 1),
    db
      .select({
        number: tickets.number,
        submittedAt: csatResponses.submittedAt,
        speedToReach: csatResponses.speedToReach,
        speedToUnderstand: csatResponses.speedToUnderstand,
        answerQuality: csatResponses.answerQuality,
        comfort: csatResponses.comfort,
      })
      .from(csatResponses)
      .innerJoin(tickets, eq(tickets.id, csatResponses.ticketId))
      .where(eq(tickets.organisationId, organisationId))
      .orderBy(desc(csatResponses.submittedAt))
      .limit(3),
    can(actor, "read:complaint:any")
      ? db
          .select({ id: complaints.id, subject: complaints.subject, status: complaints.status, createdAt: complaints.createdAt })
          .from(complaints)
          .where(and(eq(complaints.organisationId, organisationId), notInArray(complaints.status, ["closed"])))
          .orderBy(desc(complaints.createdAt))
          .limit(PANEL_LIMIT)
      : Promise.resolve(null),
    db
      .select({ id: users.id, name: users.name, email: users.email, phone: users.phone, isPrimaryContact: users.isPrimaryContact, deactivatedAt: users.deactivatedAt })
      .from(users)
      .where(and(eq(users.organisationId, organisationId), eq(users.role, "customer")))
      .orderBy(desc(users.isPrimaryContact), asc(users.name))
      .limit(PANEL_LIMIT + 1),
    getSettings(),
  ]);
  if (!organisation) throw AppError.notFound();
  const percentage = settings.renewals.renewalPercent;
  return {
    organisation,
    licences: licenceRows.slice(0, PANEL_LIMIT).map(({ licence, productName, free, listPriceMinor, currency }) => {
      const state = deriveLicenceStatus({ ...licence, free }, now);
      return {
        id: licence.id,
        productName,
        key: displayLicenceKey(licence.keyCanonical),
        status: state.status,
        supportUntil: free ? null : licence.supportUntil,
        renewal: free || licence.revokedAt ? null : renewalPrice({ listPriceMinor, currency, percentage }),
      };
    }),
    moreLicences: licenceRows.length > PANEL_LIMIT,
    openTickets: openTickets.slice(0, PANEL_LIMIT),
    moreOpenTickets: openTickets.length > PANEL_LIMIT,
    csat: csat.map((c) => ({ ...c, average: Math.round(((c.speedToReach + c.speedToUnderstand + c.answerQuality + c.comfort) / 4) * 10) / 10 })),
    complaints: openComplaints,
    contacts: contacts.slice(0, PANEL_LIMIT),
    moreContacts: contacts.length > PANEL_LIMIT,
  };
}

export type CustomerPanel = Awaited<ReturnType<typeof customerPanel>>;
