import { createHash, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Database } from "~/utils/db.server";
import { deriveSupportTerm, type SupportEntry } from "~/modules/licensing/support-ledger";
import { renewalPrice } from "~/modules/licensing/renewal-pricing";
import { generateLicenceKey, normaliseLicenceKey } from "~/modules/licensing/licence-key";
import { clockCycles, clockEventsByCycle, computeClocks, slaCycleRow, type TicketFact, type TicketStatus } from "~/modules/sla/clocks";
import { summariseClocks } from "~/modules/sla/facts";
import { addBusinessMinutes, nextBusinessMinute } from "~/modules/sla/business-hours";
import { calendarValue } from "~/modules/sla/plans.server";
import { slaTargetsSchema, type Priority } from "~/modules/sla/targets";
import { allocateTime, type TicketType } from "~/modules/time-tracking/allowance";
import {
  businessCalendars,
  complaintAnswers,
  complaints,
  complaintTickets,
  csatResponses,
  licences,
  orders,
  prepaidCredits,
  products,
  remedies,
  reviews,
  slaCycles,
  slaEvents,
  supportEntries,
  supportPlans,
  ticketEvents,
  ticketMessages,
  tickets,
  timeEntries,
  organisations,
  users,
} from "#db/schema";
import { DEFAULT_SETTINGS } from "~/modules/settings/definitions";
import { complaintRecordFromState } from "~/modules/quality/complaint-record";

/**
 * A deterministic year of demo history so every report and dashboard shows something true on
 * the first start: ~13 more organisations (the demo logins' two stay as they are), ~40 contacts,
 * ~60 licences (every paid product, a second site for some) with their support ledgers and orders, ~1 500 tickets over the last 12 months with
 * conversations in Russian and English, their SLA events and cycles, time entries, CSAT answers,
 * complaints with remedies and reviews.
 *
 * Numbers are not typed in: support terms come from deriveSupportTerm, clocks from the SLA
 * module's pure replay (computeClocks / clockEventsByCycle / clockCycles), time splits from
 * allocateTime, renewal prices from renewalPrice — the same functions the use cases call. Rows go
 * in with bulk inserts, so it takes seconds. Randomness is a seeded generator: the same history
 * (relative to `now`) on every machine. Emails are not queued for history.
 */

const DAY = 86_400_000;
const MIN = 60_000;

function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
    chance: (p: number) => next() < p,
  };
}

const ORGS = [
  ["ООО «Северный ветер»", "ru"], ["Baltic Parts Ltd", "en"], ["ИП Кузнецова", "ru"], ["АО «Техносила-Опт»", "ru"],
  ["Green Leaf Market", "en"], ["ООО «Дом книги»", "ru"], ["Volga Logistics", "en"], ["ООО «Мебель 24»", "ru"],
  ["Ural Steel Supply", "en"], ["ООО «Кофейня №1»", "ru"], ["Nordic Toys Shop", "en"], ["ООО «АвтоДеталь»", "ru"],
  ["Sibirsky Med", "en"],
] as const;
const FIRST = { ru: ["Ирина", "Павел", "Ольга", "Сергей", "Мария", "Алексей", "Наталья", "Денис"], en: ["Emma", "James", "Olivia", "Liam", "Sophie", "Noah", "Grace", "Oscar"] };
const LAST = { ru: ["Смирнова", "Волков", "Козлова", "Морозов", "Лебедева", "Соколов", "Новикова", "Павлов"], en: ["Taylor", "Brown", "Wilson", "Evans", "Clarke", "Hughes", "Walker", "Wright"] };
const JOBS = { ru: ["Бухгалтер", "Разработчик", "Менеджер", "Директор"], en: ["Accountant", "Developer", "Manager", "Director"] };
const ENGINEERS = [
  ["Marina Support", "marina@keydesk.test"],
  ["Oleg Support", "oleg@keydesk.test"],
  ["Sara Support", "sara@keydesk.test"],
] as const;

const SUBJECTS: Record<"ru" | "en", ReadonlyArray<readonly [string, string]>> = {
  ru: [
    ["Не выгружаются заказы в 1С", "После обновления заказы перестали попадать в 1С. Обмен завершается без ошибок, но новых документов нет."],
    ["Ошибка 500 при оформлении заказа", "На шаге выбора доставки покупатели видят ошибку 500. В журнале — исключение модуля."],
    ["Как настроить скидку для оптовых покупателей?", "Подскажите, где задать отдельные цены для группы «Опт»."],
    ["Медленно открывается каталог", "Страница каталога грузится 8–10 секунд после установки модуля."],
    ["Нужен счёт на продление", "Пришлите, пожалуйста, счёт на продление поддержки на год."],
    ["Не приходят письма о заказах", "Покупатели не получают подтверждение заказа на почту."],
    ["Перенос модуля на новый домен", "Мы переезжаем на новый домен, как перенести лицензию?"],
    ["Настройка выгрузки цен", "Нужно выгружать только цены со складом больше нуля."],
  ],
  en: [
    ["Sitemap misses new products", "Products added this week are not in sitemap.xml although they are active."],
    ["Checkout shows error 500", "Customers see error 500 after choosing courier delivery since this morning."],
    ["How to hide prices for guests?", "We want prices visible only to signed-in wholesale customers."],
    ["Catalogue page is slow", "The catalogue takes 8–10 seconds to load after installing the module."],
    ["Invoice for the renewal", "Please send an invoice for one more year of support."],
    ["Order emails are not sent", "Customers no longer receive order confirmation emails."],
    ["Moving to a new domain", "We are moving the shop to a new domain; how do we move the licence?"],
    ["Training for our new manager", "Could you run a one-hour session on the module settings for our new manager?"],
  ],
} as const;
const REPLIES = {
  ru: ["Спасибо, посмотрели журнал: причина в настройках кеша. Очистите кеш и проверьте ещё раз.", "Исправили в версии 2.0.1, обновите модуль, пожалуйста.", "Подготовили инструкцию, отправляем по шагам.", "Проверили на вашем сайте — всё работает. Подтвердите, пожалуйста."],
  en: ["Thanks — the log shows a cache setting; clear the cache and try again.", "Fixed in 2.0.1, please update the module.", "Here is a step-by-step guide for this setting.", "We checked on your site and it works now. Could you confirm?"],
};
const FOLLOW_UPS = { ru: ["Не помогло, ошибка осталась.", "Спасибо, а как сделать то же для второго склада?"], en: ["That did not help, the error is still there.", "Thanks! How do we do the same for the second warehouse?"] };
const CAUSES = ["slow_response", "wrong_answer", "rude", "not_fixed"];

type Lang = "ru" | "en";

export async function seedDemoHistory(db: Database, now = new Date()): Promise<{ tickets: number }> {
  const rnd = generator(20261202);
  const [standardPlan] = await db.select().from(supportPlans).where(eq(supportPlans.slug, "standard"));
  const [priorityPlan] = await db.select().from(supportPlans).where(eq(supportPlans.slug, "priority"));
  if (!standardPlan || !priorityPlan) return { tickets: 0 };
  const [calendarRow] = await db.select().from(businessCalendars).where(eq(businessCalendars.id, standardPlan.calendarId));
  const calendar = calendarValue(calendarRow!);
  const targetsOf = (plan: typeof standardPlan) => slaTargetsSchema.parse(plan.targets);
  const [lead] = await db.select().from(users).where(eq(users.email, "lead@keydesk.test"));
  const [quality] = await db.select().from(users).where(eq(users.email, "quality@keydesk.test"));
  const [egor] = await db.select().from(users).where(eq(users.email, "engineer@keydesk.test"));

  // Catalogue: the demo products (the catalogue itself stays as the demo has it).
  const productRows = await db.select().from(products).where(eq(products.free, false));
  // Engineers of the history (the demo engineer and lead keep only their demo tickets open).
  const engineerIds: string[] = [];
  for (const [name, email] of ENGINEERS) {
    const [row] = await db.insert(users).values({ email, name, role: "engineer", locale: "en" }).onConflictDoNothing().returning({ id: users.id });
    if (row) engineerIds.push(row.id);
  }
  const solvers = [...engineerIds, egor!.id, lead!.id];

  // Organisations and contacts.
  const orgs: Array<{ id: string; lang: Lang; contacts: string[]; planId: string }> = [];
  const contactRows: Array<typeof users.$inferInsert> = [];
  const orgRows = ORGS.map(([name], i) => ({ id: randomUUID(), name, email: `office${i + 1}@history.test`, planId: i % 4 === 0 ? priorityPlan.id : null, createdAt: new Date(now.getTime() - 400 * DAY) }));
  await db.insert(organisations).values(orgRows);
  orgRows.forEach((org, i) => {
    const lang = ORGS[i]![1] as Lang;
    const count = 2 + (i % 3) + (i === 0 ? 1 : 0);
    const ids: string[] = [];
    for (let c = 0; c < count; c++) {
      const id = randomUUID();
      ids.push(id);
      contactRows.push({
        id,
        email: `contact${i + 1}-${c + 1}@history.test`,
        name: `${FIRST[lang][(i + c) % 8]} ${LAST[lang][(i * 3 + c) % 8]}`,
        role: "customer",
        organisationId: org.id,
        isPrimaryContact: c === 0,
        jobTitle: JOBS[lang][c % 4],
        locale: lang,
      });
    }
    orgs.push({ id: org.id, lang, contacts: ids, planId: org.planId ?? standardPlan.id });
  });
  await db.insert(users).values(contactRows);

  // Licences with ledgers: activation spread over two years; some renewed on time, some late,
  // some lapsed; the term is derived by the licensing module's pure function.
  const licenceRows: Array<typeof licences.$inferInsert> = [];
  const entryRows: Array<typeof supportEntries.$inferInsert> = [];
  const orderRows: Array<typeof orders.$inferInsert> = [];
  const orgLicences = new Map<string, Array<{ id: string; productId: string }>>();
  let n = 0;
  for (const org of orgs) {
    // Three to six licences each: every paid product, and a second site for some of them.
    const shuffled = [...productRows].sort(() => rnd.next() - 0.5);
    const owned = Array.from({ length: rnd.int(3, 6) }, (_, i) => shuffled[i % shuffled.length]!);
    for (const product of owned) {
      n++;
      const id = randomUUID();
      // Activation 1–23 months ago; a few expire within 30 / 60 / 90 days on purpose.
      const activatedAt = new Date(now.getTime() - (n % 7 === 0 ? 365 - 10 * ((n % 9) + 1) : rnd.int(30, 700)) * DAY - rnd.int(0, 600) * MIN);
      const entries: SupportEntry[] = [];
      const paid = (kind: "initial" | "renewal", at: Date) => {
        const orderId = randomUUID();
        const method = rnd.chance(0.55) ? ("card" as const) : ("invoice" as const);
        const quote = kind === "renewal" ? renewalPrice({ listPriceMinor: product.listPriceMinor, currency: product.currency, percentage: DEFAULT_SETTINGS.renewals.renewalPercent }) : { listPriceMinor: product.listPriceMinor, percentage: 100, amountMinor: product.listPriceMinor, currency: product.currency };
        orderRows.push({ id: orderId, kind: kind === "initial" ? "new_licence" : "renewal", status: "paid", method, organisationId: org.id, buyerEmail: `office@history.test`, productId: product.id, licenceId: id, ...quote, paidAt: at, createdAt: new Date(at.getTime() - DAY), updatedAt: at });
        entries.push({ id: randomUUID(), kind, orderId, recordedAt: at });
      };
      paid("initial", new Date(activatedAt.getTime() - 2 * DAY));
      // Renew while the term ends in the past: on time (60 %), late (20 %) or never (20 %).
      for (let guard = 0; guard < 3; guard++) {
        const term = deriveSupportTerm(entries, activatedAt);
        const end = term.supportUntil!;
        if (end.getTime() > now.getTime() + 40 * DAY) break;
        const roll = rnd.next();
        if (roll < 0.6 && end.getTime() - 20 * DAY < now.getTime()) paid("renewal", new Date(end.getTime() - rnd.int(3, 25) * DAY));
        else if (roll < 0.8 && end.getTime() + 40 * DAY < now.getTime()) paid("renewal", new Date(end.getTime() + rnd.int(5, 35) * DAY));
        else break;
      }
      const term = deriveSupportTerm(entries, activatedAt);
      licenceRows.push({ id, keyCanonical: historyLicenceKey(n), productId: product.id, organisationId: org.id, issuedFromOrderId: entries[0]!.orderId, firstActivatedAt: activatedAt, supportUntil: term.supportUntil, productionHost: `shop${n}.history.test`, createdAt: activatedAt });
      for (const e of entries) entryRows.push({ id: e.id, licenceId: id, kind: e.kind, orderId: e.orderId, recordedAt: e.recordedAt });
      orgLicences.set(org.id, [...(orgLicences.get(org.id) ?? []), { id, productId: product.id }]);
    }
  }
  await db.insert(licences).values(licenceRows);
  for (let i = 0; i < orderRows.length; i += 500) await db.insert(orders).values(orderRows.slice(i, i + 500));
  await db.insert(supportEntries).values(entryRows);

  // Prepaid hours for every third organisation.
  const creditRows: Array<typeof prepaidCredits.$inferInsert> = orgs.filter((_, i) => i % 3 === 1).map((org) => ({ organisationId: org.id, minutes: 600, source: "purchase" as const, at: new Date(now.getTime() - 300 * DAY), note: "10 h package" }));
  if (creditRows.length) await db.insert(prepaidCredits).values(creditRows);

  // Tickets over the last 12 months.
  const ticketRows: Array<typeof tickets.$inferInsert> = [];
  const messageRows: Array<typeof ticketMessages.$inferInsert> = [];
  const eventRows: Array<typeof ticketEvents.$inferInsert> = [];
  const slaEventRows: Array<typeof slaEvents.$inferInsert> = [];
  const cycleRows: Array<typeof slaCycles.$inferInsert> = [];
  const timeRows: Array<typeof timeEntries.$inferInsert & { type: TicketType }> = [];
  const csatRows: Array<typeof csatResponses.$inferInsert> = [];
  const solvedTickets: Array<{ id: string; orgId: string; assigneeId: string; solvedAt: Date; requesterId: string }> = [];
  const TOTAL = 1500;
  for (let i = 0; i < TOTAL; i++) {
    const org = orgs[i % orgs.length]!;
    const lang: Lang = rnd.chance(0.75) ? org.lang : org.lang === "ru" ? "en" : "ru";
    const owned = orgLicences.get(org.id)!;
    const licence = rnd.pick(owned);
    const id = randomUUID();
    const requesterId = rnd.pick(org.contacts);
    const assigneeId = rnd.pick(i % 5 === 0 ? solvers : engineerIds);
    // Spread over 365 days, denser lately; inside or just outside working hours.
    const daysAgo = Math.floor(365 * Math.pow(rnd.next(), 1.15));
    const createdAt = new Date(now.getTime() - daysAgo * DAY - rnd.int(0, 24 * 60) * MIN);
    if (createdAt.getTime() > now.getTime() - 10 * MIN) continue;
    const priority: Priority = rnd.pick(["low", "normal", "normal", "normal", "high", "urgent"] as const);
    const type: TicketType = rnd.pick(["question", "question", "bug_report", "paid_service", "billing"] as const);
    const plan = org.planId === priorityPlan.id ? priorityPlan : standardPlan;
    const targets = targetsOf(plan);
    const [subject, description] = rnd.pick(SUBJECTS[lang]);
    const facts: TicketFact[] = [{ type: "created", at: createdAt }];
    const events: Array<typeof ticketEvents.$inferInsert> = [{ ticketId: id, type: "created", at: createdAt, actorId: requesterId, data: { priority, targets, planId: plan.id } }];
    messageRows.push({ ticketId: id, authorId: requesterId, fromStaff: false, body: description, createdAt });
    let status = "new" as TicketStatus;
    const setStatus = (to: TicketStatus, at: Date) => {
      facts.push({ type: "status_changed", at, from: status, to });
      events.push({ ticketId: id, type: "status_changed", at, actorId: assigneeId, data: { from: status, to } });
      status = to;
    };
    const staffReply = (at: Date, body: string) => {
      facts.push({ type: "staff_public_reply", at });
      events.push({ ticketId: id, type: "staff_public_reply", at, actorId: assigneeId });
      messageRows.push({ ticketId: id, authorId: assigneeId, fromStaff: true, body, createdAt: at });
    };
    const customerReply = (at: Date, body: string) => {
      facts.push({ type: "customer_message", at });
      events.push({ ticketId: id, type: "customer_message", at, actorId: requesterId });
      messageRows.push({ ticketId: id, authorId: requesterId, fromStaff: false, body, createdAt: at });
    };
    // First answer: mostly well within target, sometimes late.
    const firstTarget = targets[priority].firstResponse;
    const firstAfter = rnd.chance(0.88) ? rnd.int(5, Math.floor(firstTarget * 0.9)) : rnd.int(firstTarget + 10, firstTarget * 3);
    let at = addBusinessMinutes(createdAt, firstAfter, calendar);
    const open = at.getTime() > now.getTime();
    if (!open) {
      setStatus("open", at);
      staffReply(at, rnd.pick(REPLIES[lang]));
      if (rnd.chance(0.35)) {
        at = new Date(at.getTime() + rnd.int(30, 60 * 24) * MIN);
        if (at.getTime() < now.getTime() - MIN) {
          customerReply(at, rnd.pick(FOLLOW_UPS[lang]));
          const nextTarget = targets[priority].nextResponse;
          at = addBusinessMinutes(at, rnd.chance(0.9) ? rnd.int(10, Math.floor(nextTarget * 0.9)) : rnd.int(nextTarget + 5, nextTarget * 2), calendar);
          if (at.getTime() < now.getTime()) staffReply(at, rnd.pick(REPLIES[lang]));
        }
      }
      if (rnd.chance(0.1) && at.getTime() < now.getTime()) {
        setStatus("pending", new Date(at.getTime() + MIN));
        at = new Date(at.getTime() + rnd.int(1, 3) * DAY);
        if (at.getTime() < now.getTime()) {
          customerReply(at, rnd.pick(FOLLOW_UPS[lang]));
          setStatus("open", at);
          at = addBusinessMinutes(at, rnd.int(20, 300), calendar);
          if (at.getTime() < now.getTime()) staffReply(at, rnd.pick(REPLIES[lang]));
        }
      }
      const solveAt = addBusinessMinutes(at, rnd.int(10, 600), calendar);
      // The last fortnight keeps a live backlog; older tickets are solved (and closed after 7 days).
      if (solveAt.getTime() < now.getTime() && (daysAgo > 6 || rnd.chance(0.4))) {
        setStatus("solved", solveAt);
        const closeAt = new Date(solveAt.getTime() + 7 * DAY);
        if (closeAt.getTime() < now.getTime()) setStatus("closed", closeAt);
        solvedTickets.push({ id, orgId: org.id, assigneeId, solvedAt: solveAt, requesterId });
        // Time worked on it, allocated below by the time-tracking rules.
        timeRows.push({ id: randomUUID(), ticketId: id, organisationId: org.id, engineerId: assigneeId, source: rnd.chance(0.7) ? "timer" : "manual", startedAt: nextBusinessMinute(new Date(solveAt.getTime() - 40 * MIN), calendar), minutes: rnd.int(5, type === "paid_service" ? 120 : 45), note: "", type });
      }
    }
    const options = { priority, targets, calendar, now };
    const clocks = computeClocks(facts, options);
    const summary = summariseClocks(clocks, now, status);
    for (const e of clockEventsByCycle(facts, options)) if (e.at.getTime() <= now.getTime()) slaEventRows.push({ ticketId: id, clock: e.clock, type: e.type, cycleStartedAt: e.cycleStartedAt, at: e.at, recordedAt: e.at });
    for (const c of clockCycles(facts, options)) cycleRows.push(slaCycleRow(id, c, { priority, planId: plan.id, productId: licence.productId, organisationId: org.id, assigneeId }));
    const solvedAt = facts.find((f) => f.type === "status_changed" && f.to === "solved")?.at ?? null;
    const closedAt = facts.find((f) => f.type === "status_changed" && f.to === "closed")?.at ?? null;
    const lastCustomer = [...facts].reverse().find((f) => f.type === "customer_message" || f.type === "created")!.at;
    ticketRows.push({
      id,
      organisationId: org.id,
      licenceId: licence.id,
      productId: licence.productId,
      requesterId,
      // Nobody has picked up a ticket still waiting for its first answer in the demo: it stays with
      // its engineer so the "New / unassigned" queue of the demo logins starts empty.
      assigneeId,
      planId: plan.id,
      type,
      status,
      priority,
      subject,
      description,
      slaDueAt: summary.dueAt,
      slaWarnAt: summary.warnAt,
      slaAlertAt: summary.alertAt,
      slaState: summary.state,
      lastCustomerMessageAt: lastCustomer,
      solvedAt: status === "solved" || status === "closed" ? solvedAt : null,
      closedAt,
      createdAt,
      updatedAt: at.getTime() < now.getTime() ? at : createdAt,
    });
    eventRows.push(...events);
  }

  // Time splits per organisation through the allocation rules (free allowance, prepaid, billable).
  for (const org of orgs) {
    const mine = timeRows.filter((t) => t.organisationId === org.id);
    const credits = creditRows.filter((c) => c.organisationId === org.id).map((c) => ({ at: c.at as Date, minutes: c.minutes }));
    const result = allocateTime({ entries: mine.map((t) => ({ id: t.id!, startedAt: t.startedAt, minutes: t.minutes, ticketType: t.type })), contract: { freeMinutesPerDay: 15, freeDaysPerWeek: null }, prepaidCredits: credits, timeZone: calendar.timeZone });
    for (const t of mine) {
      const split = result.allocations.get(t.id!)!;
      Object.assign(t, { freeMinutes: split.free, prepaidMinutes: split.prepaid, billableMinutes: split.billable, notChargedMinutes: split.notCharged });
    }
  }

  // CSAT on about 40 % of solved tickets: mostly happy, a few low scores.
  for (const t of solvedTickets) {
    if (!rnd.chance(0.4)) continue;
    const mood = rnd.next();
    const score = () => (mood < 0.08 ? rnd.int(1, 2) : mood < 0.25 ? rnd.int(3, 4) : rnd.int(4, 5));
    csatRows.push({ ticketId: t.id, authorId: t.requesterId, engineerId: t.assigneeId, speedToReach: score(), speedToUnderstand: score(), answerQuality: score(), comfort: score(), comment: "", submittedAt: new Date(t.solvedAt.getTime() + rnd.int(1, 48) * 60 * MIN) });
  }

  const chunk = async <T>(rows: T[], insert: (part: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += 400) await insert(rows.slice(i, i + 400));
  };
  await chunk(ticketRows, (part) => db.insert(tickets).values(part));
  await chunk(messageRows, (part) => db.insert(ticketMessages).values(part));
  await chunk(eventRows, (part) => db.insert(ticketEvents).values(part));
  await chunk(slaEventRows, (part) => db.insert(slaEvents).values(part).onConflictDoNothing());
  await chunk(cycleRows, (part) => db.insert(slaCycles).values(part).onConflictDoNothing());
  await chunk(
    timeRows.map(({ type: _type, ...row }) => row),
    (part) => db.insert(timeEntries).values(part),
  );
  await chunk(csatRows, (part) => db.insert(csatResponses).values(part));

  // Complaints on some low-rated tickets, answered with causes and, when upheld, a remedy.
  const low = csatRows.filter((c) => Math.min(c.speedToReach, c.speedToUnderstand, c.answerQuality, c.comfort) <= 2).slice(0, 14);
  for (const [k, c] of low.entries()) {
    const ticket = solvedTickets.find((t) => t.id === c.ticketId)!;
    const createdAt = new Date((c.submittedAt as Date).getTime() + 2 * 60 * MIN);
    const answered = createdAt.getTime() + 3 * DAY < now.getTime();
    const outcome = (["upheld", "partly_upheld", "rejected"] as const)[k % 3]!;
    const acknowledgedAt = new Date(createdAt.getTime() + 3 * 60 * MIN);
    // Written the way the quality module stores a state: the row's columns and its answer rows.
    const record = complaintRecordFromState({
      status: answered ? "closed" : "investigating",
      receivedAt: createdAt,
      acknowledgedAt,
      investigationStartedAt: acknowledgedAt,
      answers: answered ? [{ outcome, text: "We reviewed the ticket and agree the first answer was late.", answeredAt: addBusinessMinutes(createdAt, 480 + k * 60, calendar) }] : [],
      customerReply: null,
      closedAt: answered ? addBusinessMinutes(createdAt, 960, calendar) : null,
    });
    const [complaint] = await db
      .insert(complaints)
      .values({
        organisationId: ticket.orgId,
        authorId: ticket.requesterId,
        subject: `Complaint on request`,
        description: "The answer took too long and did not solve the problem.",
        ...record.columns,
        rootCauses: [CAUSES[k % CAUSES.length]!],
        assigneeId: quality?.id ?? null,
        updatedAt: createdAt,
      })
      .returning({ id: complaints.id });
    if (record.answers.length > 0) await db.insert(complaintAnswers).values(record.answers.map((a) => ({ complaintId: complaint!.id, ...a })));
    await db.insert(complaintTickets).values({ complaintId: complaint!.id, ticketId: ticket.id });
    if (answered && outcome !== "rejected") {
      await db.insert(remedies).values({ complaintId: complaint!.id, type: k % 2 === 0 ? "credit_prepaid" : "extend_support", details: k % 2 === 0 ? { minutes: 60 } : { days: 14 }, appliedBy: quality?.id ?? null, appliedAt: addBusinessMinutes(createdAt, 600, calendar) });
    }
  }

  // Reviews: one per organisation and product for some licence holders.
  const reviewRows: Array<typeof reviews.$inferInsert> = [];
  orgs.forEach((org, i) => {
    if (i % 2 === 1) return;
    const licence = orgLicences.get(org.id)![0]!;
    const status = (["published", "published", "rejected", "pending"] as const)[i % 4]!;
    const submittedAt = new Date(now.getTime() - rnd.int(10, 200) * DAY);
    reviewRows.push({
      organisationId: org.id,
      productId: licence.productId,
      authorId: org.contacts[0]!,
      before: org.lang === "ru" ? "Заказы обрабатывали вручную, уходило по два дня." : "Orders were handled by hand and took two days.",
      why: org.lang === "ru" ? "Понравилась прозрачная цена и поддержка." : "A transparent price and real support.",
      after: org.lang === "ru" ? "Теперь заказы уходят в 1С за минуты." : "Orders now reach the accounting system in minutes.",
      metrics: [{ label: org.lang === "ru" ? "обработка заказа" : "order processing", before: org.lang === "ru" ? "2 дня" : "2 days", after: org.lang === "ru" ? "2 часа" : "2 hours" }],
      support: org.lang === "ru" ? "Отвечают быстро и по делу." : "Quick and to the point.",
      productRating: rnd.int(3, 5),
      supportRating: rnd.int(3, 5),
      status,
      rejectionReason: status === "rejected" ? "Advertising for another product." : null,
      submittedAt,
      moderatedAt: status === "pending" ? null : new Date(submittedAt.getTime() + DAY),
      moderatedBy: status === "pending" ? null : (quality?.id ?? null),
      publishedAt: status === "published" ? new Date(submittedAt.getTime() + DAY) : null,
    });
  });
  if (reviewRows.length) await db.insert(reviews).values(reviewRows).onConflictDoNothing();
  return { tickets: ticketRows.length };
}

/** A real, check-character-valid key, the same for the same history licence on every seed. */
function historyLicenceKey(n: number): string {
  const bytes = (length: number) => new Uint8Array(createHash("sha256").update(`keydesk-history-licence-${n}`).digest().subarray(0, length));
  return normaliseLicenceKey(generateLicenceKey(bytes));
}
