import { and, asc, desc, eq, gt, gte, inArray, isNotNull, isNull, lte, sql, sum } from "drizzle-orm";
import { DateTime } from "luxon";
import { csatResponses, licences, products, releases, slaCycles, tickets, timeEntries } from "#db/schema";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { can, type Actor } from "../accounts/permissions";
import { renewalPrice } from "../licensing/renewal-pricing";
import { loadTimeContext } from "../time-tracking/context.server";
import { organisationCounters } from "../time-tracking/counters.server";
import { CSAT_EDIT_WINDOW_MS } from "../quality/csat";
import { ACTIVE_STATUSES, backlogFigures, defaultCalendar } from "./core-reports.server";
import { parseReportFilters } from "./filters";
import { percent } from "./stats";
import { getSettings } from "~/modules/settings/settings.server";

const DAY = 86_400_000;
/** Renewal is offered on the home page when support ends within this many days, or has ended. */
export const RENEW_OFFER_DAYS = 60;

/** The customer portal's home: licences, open tickets with the promised answer, minutes, surveys, releases. */
export async function customerDashboard(actor: Actor, now = new Date()) {
  if (actor.role !== "customer" || !actor.organisationId) throw AppError.forbidden();
  const organisationId = actor.organisationId;
  const [licenceRows, openTickets, context, surveys] = await Promise.all([
    db
      .select({ id: licences.id, supportUntil: licences.supportUntil, productId: products.id, productName: products.name, free: products.free, listPriceMinor: products.listPriceMinor, currency: products.currency, revokedAt: licences.revokedAt })
      .from(licences)
      .innerJoin(products, eq(products.id, licences.productId))
      .where(eq(licences.organisationId, organisationId))
      .orderBy(sql`${licences.supportUntil} asc nulls last`, asc(licences.id))
      .limit(100),
    db
      .select({ number: tickets.number, subject: tickets.subject, status: tickets.status, slaDueAt: tickets.slaDueAt, noResponseCommitment: tickets.noResponseCommitment })
      .from(tickets)
      .where(and(eq(tickets.organisationId, organisationId), inArray(tickets.status, [...ACTIVE_STATUSES])))
      .orderBy(desc(tickets.createdAt))
      .limit(20),
    loadTimeContext(db, organisationId),
    db
      .select({ number: tickets.number, subject: tickets.subject, solvedAt: tickets.solvedAt })
      .from(tickets)
      .leftJoin(csatResponses, eq(csatResponses.ticketId, tickets.id))
      .where(and(eq(tickets.requesterId, actor.id), isNotNull(tickets.solvedAt), gt(tickets.solvedAt, new Date(now.getTime() - CSAT_EDIT_WINDOW_MS)), isNull(csatResponses.id)))
      .orderBy(desc(tickets.solvedAt))
      .limit(10),
  ]);
  const productIds = [...new Set(licenceRows.map((l) => l.productId))];
  const [counters, latest] = await Promise.all([
    organisationCounters(db, context, now),
    productIds.length
      ? db
          .select({ productName: products.name, version: releases.version, publishedAt: releases.publishedAt, notes: releases.notes })
          .from(releases)
          .innerJoin(products, eq(products.id, releases.productId))
          .where(and(inArray(releases.productId, productIds), isNotNull(releases.publishedAt), lte(releases.publishedAt, now)))
          .orderBy(desc(releases.publishedAt))
          .limit(5)
      : Promise.resolve([]),
  ]);
  const { renewalPercent } = (await getSettings()).renewals;
  return {
    licences: licenceRows
      .filter((l) => !l.revokedAt)
      .map((l) => {
        const lapsed = !!l.supportUntil && l.supportUntil.getTime() <= now.getTime();
        const offer = !l.free && !!l.supportUntil && l.supportUntil.getTime() - now.getTime() <= RENEW_OFFER_DAYS * DAY;
        return { id: l.id, productName: l.productName, supportUntil: l.supportUntil, free: l.free, lapsed, renewal: offer ? renewalPrice({ listPriceMinor: l.listPriceMinor, currency: l.currency, percentage: renewalPercent }) : null };
      }),
    openTickets,
    counters,
    surveys,
    releases: latest,
  };
}

/** The desk home: my queues (counted by the queue module), what breaches within the hour, today's SLA and time. */
export async function deskDashboard(actor: Actor, timeZone: string, now = new Date()) {
  if (!can(actor, "read:ticket:any")) throw AppError.forbidden();
  const startOfDay = DateTime.fromJSDate(now, { zone: timeZone }).startOf("day").toJSDate();
  const inAnHour = new Date(now.getTime() + 60 * 60_000);
  const mineOrAll = can(actor, "read:report:any") ? undefined : eq(tickets.assigneeId, actor.id);
  const [breaching, [sla], [time]] = await Promise.all([
    db
      .select({ number: tickets.number, subject: tickets.subject, slaDueAt: tickets.slaDueAt, assigneeId: tickets.assigneeId })
      .from(tickets)
      .where(and(inArray(tickets.status, [...ACTIVE_STATUSES]), gte(tickets.slaDueAt, now), lte(tickets.slaDueAt, inAnHour), mineOrAll))
      .orderBy(asc(tickets.slaDueAt))
      .limit(10),
    db
      .select({ settled: sql<number>`count(*)::int`, met: sql<number>`(count(*) filter (where not ${slaCycles.breached}))::int` })
      .from(slaCycles)
      // The cycles carry their ticket's assignee (docs/decisions/072): no join with tickets.
      .where(and(gte(slaCycles.settledAt, startOfDay), lte(slaCycles.settledAt, now), mineOrAll ? eq(slaCycles.assigneeId, actor.id) : undefined)),
    db
      .select({ minutes: sum(timeEntries.minutes) })
      .from(timeEntries)
      .where(and(eq(timeEntries.engineerId, actor.id), isNull(timeEntries.deletedAt), gte(timeEntries.startedAt, startOfDay), lte(timeEntries.startedAt, now))),
  ]);
  let team: null | { ages: Array<{ bucket: string; n: number }>; labels: string[]; created: number[]; solved: number[] } = null;
  if (can(actor, "read:report:any")) {
    const from = DateTime.fromJSDate(now, { zone: timeZone }).startOf("day").minus({ days: 13 });
    const filters = parseReportFilters(new URLSearchParams({ period: "custom", from: from.toISODate()!, to: DateTime.fromJSDate(now, { zone: timeZone }).toISODate()!, groupBy: "day" }), timeZone, now);
    const figures = await backlogFigures(filters, now, await defaultCalendar());
    const labels = Array.from({ length: 14 }, (_, i) => from.plus({ days: i }).toISODate()!);
    team = {
      ages: figures.open.filter((r) => r.dim === "all").map((r) => ({ bucket: r.bucket, n: r.n })),
      labels,
      created: labels.map((d) => figures.created.get(d) ?? 0),
      solved: labels.map((d) => figures.solved.get(d) ?? 0),
    };
  }
  return {
    breaching,
    sla: { settled: Number(sla?.settled ?? 0), met: Number(sla?.met ?? 0), compliance: percent(Number(sla?.met ?? 0), Number(sla?.settled ?? 0)) },
    minutesToday: Number(time?.minutes ?? 0),
    scope: mineOrAll ? ("mine" as const) : ("team" as const),
    team,
  };
}
