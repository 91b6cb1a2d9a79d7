import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import { z, ZodError } from "zod";
import { kbArticles, organisations, products, tickets, users, type User } from "#db/schema";
import { createOrganisation } from "~/modules/accounts/organisations.server";
import { getEmail, listEmails } from "~/modules/accounts/outbox.server";
import { STAFF_ROLES, type Actor } from "~/modules/accounts/permissions";
import { passwordField } from "~/modules/accounts/schemas";
import { setPasswordWithToken } from "~/modules/accounts/sessions.server";
import { inviteUser, makePrimaryContact } from "~/modules/accounts/users.server";
import { activateLicence, issueLicence } from "~/modules/licensing/licences.server";
import { createProduct, createRelease } from "~/modules/licensing/products.server";
import { hostField, productFormSchema } from "~/modules/licensing/schemas";
import { twoFactorRequired } from "~/modules/security/policy";
import { getSecuritySettings } from "~/modules/security/settings.server";
import { TOTP_DIGITS, TOTP_PERIOD_SECONDS } from "~/modules/security/two-factor";
import { confirmTwoFactorEnrolment, startTwoFactorEnrolment, twoFactorStatus } from "~/modules/security/two-factor.server";
import { saveArticle } from "~/modules/knowledge/articles.server";
import { articleFormSchema, KB_LANGUAGES, KB_VISIBILITIES } from "~/modules/knowledge/schemas";
import { accessDetailsSchema } from "~/modules/tickets/access-details";
import { createTag, setTicketTagsWithin } from "~/modules/tickets/tags.server";
import { contractSchema } from "~/modules/time-tracking/contract";
import { setContract } from "~/modules/time-tracking/contracts.server";
import { replyAsStaff, setTicketStatus } from "~/modules/tickets/conversation.server";
import { claimTicket } from "~/modules/tickets/desk.server";
import { closeSolvedTickets } from "~/modules/tickets/lifecycle.server";
import { getSettings } from "~/modules/settings/settings.server";
import { fileTicket } from "~/modules/tickets/filing.server";
import { newTicketSchema, TICKET_TYPES } from "~/modules/tickets/schemas";
import { db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { storeFile } from "~/utils/files.server";
import { AppError, statusOf } from "~/utils/errors.server";

/**
 * Test data factories for the end-to-end specs (ADR 058). The e2e server owns its embedded
 * database, so a spec asks the running app for what it needs: an organisation with a contact,
 * a staff login, a licence, a ticket in a given state. Everything is made through the use cases
 * a person would go through (invitation, password from the invitation link, product, licence
 * issue and activation, filing, claiming, replying), never by writing rows, so a factory ticket
 * has its clocks, facts, emails and audit entries like any other.
 *
 * Off unless KEYDESK_TEST_FACTORIES_TOKEN is set (never in production: the configuration
 * refuses it there); a missing or wrong token answers exactly as an unknown address (404).
 */

/** The password of every login a factory makes, unless the request names another. */
export const FACTORY_PASSWORD = "keydesk-factory-2026";

/** The one login the factories act as; deactivated, so nobody signs in with it. */
const FACTORY_ACTOR_EMAIL = "test-factories@keydesk.invalid";
/** The client address the factories' invitation links are followed from (throttling keys). */
const FACTORY_ADDRESS = "test-factories";

const digest = (value: string) => createHash("sha256").update(value).digest();

/** True only when the factories are on and the request carries their token (constant-time compare). */
export function testFactoriesAuthorised(authorization: string | null): boolean {
  const env = getEnv();
  const token = env.KEYDESK_TEST_FACTORIES_TOKEN;
  if (!token || env.NODE_ENV === "production" || !authorization) return false;
  const given = /^Bearer\s+(.+)$/i.exec(authorization.trim())?.[1] ?? "";
  return timingSafeEqual(digest(given), digest(token));
}

/* ------------------------------------------------------------------------------------------ */
/* Requests                                                                                    */
/* ------------------------------------------------------------------------------------------ */

const id = z.uuid();
const password = passwordField.optional();
const name = z.string().trim().min(2).max(200).optional();

export const TICKET_STATES = ["new", "open", "pending", "solved"] as const;
export type TicketState = (typeof TICKET_STATES)[number];

export const FACTORY_KINDS = ["organisation", "customer", "staff", "product", "licence", "ticket", "contract", "tickets", "article", "tag"] as const;

/** A release of a factory product: published `daysAgo` days ago, with a small text package. */
const releaseRequest = z
  .object({ version: z.string().trim().regex(/^\d+\.\d+\.\d+$/), daysAgo: z.number().int().min(0).max(3650), notes: z.string().trim().max(2000).optional() })
  .strict();

/**
 * An organisation's time contract (free minutes a day, prepaid hours' rate), set as an admin
 * would: by default the rate the demo sells prepaid hours at (RUB 3,000 an hour), so a new
 * organisation can buy them.
 */
const contractRequest = z
  .object({
    kind: z.literal("contract"),
    organisationId: id,
    freeMinutesPerDay: z.number().int().min(0).max(24 * 60).optional(),
    freeDaysPerWeek: z.number().int().min(1).max(7).nullable().optional(),
    hourlyRateMinor: z.number().int().min(0).default(300_000),
    currency: z.string().regex(/^[A-Z]{3}$/).default("RUB"),
  })
  .strict();

/**
 * A published knowledge-base article, saved as the editor saves one (`saveArticle`): public in
 * English unless asked; `translationOf` joins another article's translation group.
 */
const articleRequest = z
  .object({
    kind: z.literal("article"),
    title: z.string().trim().min(3).max(200).optional(),
    summary: z.string().trim().max(300).default(""),
    body: z.string().trim().min(10).max(100_000).default("Open the module settings and press Save."),
    language: z.enum(KB_LANGUAGES).default("en"),
    visibility: z.enum(KB_VISIBILITIES).default("public"),
    productIds: z.array(id).max(50).default([]),
    translationOf: id.optional(),
  })
  .strict();

/** A managed tag (`createTag`), put on the given tickets as staff would. */
const tagRequest = z
  .object({ kind: z.literal("tag"), labelEn: name, labelRu: name, colour: z.string().regex(/^#[0-9a-fA-F]{6}$/).optional(), ticketIds: z.array(id).max(20).default([]) })
  .strict();

export const factoryRequestSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("organisation"), name, contactName: name, password }).strict(),
  z.object({ kind: z.literal("customer"), organisationId: id.optional(), name, password }).strict(),
  z.object({ kind: z.literal("staff"), role: z.enum(STAFF_ROLES), name, password }).strict(),
  z
    .object({
      kind: z.literal("product"),
      name,
      /** The list price in roubles, as the admin form takes it. */
      price: z.string().trim().regex(/^\d{1,9}$/).default("12000"),
      releases: z.array(releaseRequest).max(10).default([]),
    })
    .strict(),
  z
    .object({
      kind: z.literal("licence"),
      organisationId: id.optional(),
      /** A product already made (e.g. by the product factory, with releases); else a new one. */
      productId: id.optional(),
      support: z.enum(["active", "expired"]).default("active"),
      host: hostField.optional(),
      productName: name,
    })
    .strict(),
  z
    .object({
      kind: z.literal("ticket"),
      state: z.enum(TICKET_STATES).default("new"),
      requesterId: id.optional(),
      licenceId: id.optional(),
      engineerId: id.optional(),
      type: z.enum(TICKET_TYPES).default("question"),
      subject: z.string().trim().min(3).max(200).optional(),
      description: z.string().trim().min(10).max(20_000).optional(),
      /** Access details given when filing (encrypted like the form's). */
      access: accessDetailsSchema.optional(),
      /** The engineer's public reply that makes a `pending` ticket wait for the customer. */
      reply: z.string().trim().min(1).max(20_000).optional(),
    })
    .strict(),
  contractRequest,
  ticketsRequest(),
  articleRequest,
  tagRequest,
]);
export type FactoryRequest = z.infer<typeof factoryRequestSchema>;

export type FactoryAnswer = { status: number; body: Record<string, unknown> };

/** A request naming something that is not there (or not of the right kind): the caller's mistake, a 400. */
class UnknownReference extends Error {
  constructor(readonly field: string) {
    super(`unknown ${field}`);
  }
}

/**
 * Reads one factory request (a JSON text) and makes what it asks for. Bad JSON, an unknown kind
 * or a bad field is a 400 with a JSON body; a rule a use case refuses keeps its own 4xx.
 */
export async function runTestFactory(text: string): Promise<FactoryAnswer> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { status: 400, body: { error: "bad_json" } };
  }
  const kind = json && typeof json === "object" ? (json as { kind?: unknown }).kind : undefined;
  if (typeof kind !== "string" || !(FACTORY_KINDS as readonly string[]).includes(kind)) {
    return { status: 400, body: { error: "unknown_kind", kinds: FACTORY_KINDS } };
  }
  const parsed = factoryRequestSchema.safeParse(json);
  if (!parsed.success) {
    return invalidBody(parsed.error);
  }
  try {
    return { status: 201, body: await make(parsed.data) };
  } catch (error) {
    if (error instanceof UnknownReference) return { status: 400, body: { error: "unknown_reference", field: error.field } };
    if (error instanceof ZodError) return invalidBody(error);
    if (error instanceof AppError) return { status: statusOf(error), body: { error: error.code, message: error.message, fieldErrors: error.fieldErrors ?? {} } };
    throw error;
  }
}

function invalidBody(error: ZodError): FactoryAnswer {
  return { status: 400, body: { error: "invalid_body", issues: error.issues.map((i) => ({ path: i.path.map(String).join("."), code: i.code, message: i.message })) } };
}

async function make(request: FactoryRequest): Promise<Record<string, unknown>> {
  const actor = await factoryActor();
  switch (request.kind) {
    case "organisation":
      return makeOrganisation(actor, { name: request.name, contactName: request.contactName, password: request.password });
    case "customer": {
      if (!request.organisationId) return makeOrganisation(actor, { contactName: request.name, password: request.password });
      const organisation = await existingOrganisation(request.organisationId);
      const customer = await makePerson(actor, { role: "customer", organisationId: organisation.id, name: request.name, password: request.password });
      return { organisation, customer };
    }
    case "staff":
      return { staff: await makePerson(actor, { role: request.role, name: request.name, password: request.password }) };
    case "product":
      return { product: await makeProduct(actor, request) };
    case "licence": {
      const productId = request.productId ? await existingProduct(request.productId) : undefined;
      const made = request.organisationId ? null : await makeOrganisation(actor, {});
      const organisationId = made ? made.organisation.id : (await existingOrganisation(request.organisationId!)).id;
      const licence = await makeLicence(actor, { organisationId, productId, support: request.support, host: request.host, productName: request.productName });
      return { ...(made ?? {}), licence };
    }
    case "ticket":
      return makeTicket(actor, request);
    case "contract":
      return makeContract(actor, request);
    case "tickets":
      return makeTickets(actor, request);
    case "article":
      return { article: await makeArticle(actor, request) };
    case "tag":
      return { tag: await makeTag(actor, request) };
  }
}

/* ------------------------------------------------------------------------------------------ */
/* Makers                                                                                      */
/* ------------------------------------------------------------------------------------------ */

/** A short random suffix: names, emails, slugs and hosts never collide between parallel tests. */
const suffix = () => randomBytes(4).toString("hex");

type Person = { id: string; email: string; name: string; role: User["role"]; organisationId: string | null; password: string; recoveryCodes?: string[] };

/**
 * The factories' own admin login, made once. No use case makes a first admin (the demo seed and
 * the operator do), so this one row is inserted; everything else goes through use cases with it
 * as the actor, and the audit log says so.
 */
async function factoryActor(): Promise<Actor & { name: string }> {
  await db
    .insert(users)
    .values({ email: FACTORY_ACTOR_EMAIL, name: "Test factories", role: "admin", deactivatedAt: new Date() })
    .onConflictDoNothing();
  const [row] = await db.select().from(users).where(eq(users.email, FACTORY_ACTOR_EMAIL)).limit(1);
  return { id: row!.id, role: row!.role, organisationId: null, isPrimaryContact: false, name: row!.name };
}

async function existingOrganisation(organisationId: string) {
  const [row] = await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.id, organisationId)).limit(1);
  if (!row) throw new UnknownReference("organisationId");
  return row;
}

/** The link in the invitation email, read from the outbox as an admin would. */
async function invitationToken(actor: Actor, email: string): Promise<string> {
  const { emails } = await listEmails(actor, { to: email });
  const invitation = emails.find((e) => e.template === "invitation" && e.toAddress === email);
  if (!invitation) throw new Error(`No invitation email to ${email}`);
  const full = await getEmail(actor, invitation.id);
  const token = /\/invitation\/([\w-]+)/.exec(full.text)?.[1];
  if (!token) throw new Error(`No invitation link in the email to ${email}`);
  return token;
}

/**
 * A login as a person gets one: invited, the password set from the invitation link. Staff whose
 * role must use two-factor sign-in (the security setting) enrol too, and get their recovery codes
 * back for signing in.
 */
async function makePerson(
  actor: Actor & { name: string },
  input: { role: User["role"]; organisationId?: string; name?: string; password?: string },
): Promise<Person> {
  const tag = suffix();
  const label = input.role === "customer" ? "Contact" : input.role === "team_lead" ? "Lead" : input.role[0]!.toUpperCase() + input.role.slice(1);
  const email = `${input.role.replace("_", "-")}-${tag}@example.test`;
  const name = input.name ?? `${label} ${tag}`;
  const chosen = input.password ?? FACTORY_PASSWORD;
  const user = await inviteUser(actor, { email, name, role: input.role, organisationId: input.organisationId });
  await setPasswordWithToken({ token: await invitationToken(actor, email), password: chosen, ipAddress: FACTORY_ADDRESS });
  const person: Person = { id: user.id, email, name, role: user.role, organisationId: user.organisationId, password: chosen };
  if (input.role !== "customer" && twoFactorRequired(input.role, await getSecuritySettings())) {
    person.recoveryCodes = await enrolTwoFactor({ id: user.id, role: user.role, organisationId: null, isPrimaryContact: false, email });
  }
  return person;
}

/** Two-factor set up as on the profile page: start, read the key, confirm with the current code. */
async function enrolTwoFactor(person: Actor & { email: string }): Promise<string[]> {
  await startTwoFactorEnrolment(person);
  const status = await twoFactorStatus(person);
  if (status.state !== "pending") throw new Error("Two-factor enrolment did not start");
  const code = new TOTP({ algorithm: "SHA1", digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS, secret: Secret.fromBase32(status.manualKey) }).generate();
  return confirmTwoFactorEnrolment(person, code, { ipAddress: FACTORY_ADDRESS, userAgent: null });
}

async function makeOrganisation(actor: Actor & { name: string }, input: { name?: string; contactName?: string; password?: string }) {
  const organisation = await createOrganisation(actor, { name: input.name ?? `Organisation ${suffix()}` });
  const customer = await makePerson(actor, { role: "customer", organisationId: organisation.id, name: input.contactName, password: input.password });
  await makePrimaryContact(actor, customer.id);
  return { organisation: { id: organisation.id, name: organisation.name }, customer };
}

const DAY_MS = 86_400_000;

async function existingProduct(productId: string): Promise<string> {
  const [row] = await db.select({ id: products.id }).from(products).where(eq(products.id, productId)).limit(1);
  if (!row) throw new UnknownReference("productId");
  return row.id;
}

type ProductRequest = Extract<FactoryRequest, { kind: "product" }>;

/**
 * A product on sale (active, in roubles, at `price`) with its releases, made as the admin's
 * product and release forms would: each release gets a small text package named
 * `<slug>-<version>.txt`, published `daysAgo` days ago.
 */
async function makeProduct(actor: Actor, input: Partial<Omit<ProductRequest, "kind">>) {
  const tag = suffix();
  const product = await createProduct(
    actor,
    productFormSchema.parse({ name: input.name ?? `Module ${tag}`, slug: `module-${tag}`, currency: "RUB", price: input.price ?? "12000", free: false, active: true }),
  );
  const made: { id: string; version: string; fileName: string; publishedAt: string }[] = [];
  for (const release of input.releases ?? []) {
    const notes = release.notes ?? `Release ${release.version}.`;
    const fileName = `${product.slug}-${release.version}.txt`;
    const stored = await storeFile("releases", new TextEncoder().encode(`${product.name} ${release.version}\n\n${notes}\n`));
    const publishedAt = new Date(Date.now() - release.daysAgo * DAY_MS);
    const row = await createRelease(actor, product.id, { version: release.version, notes, publishedAt }, { ...stored, fileName });
    made.push({ id: row.id, version: row.version, fileName, publishedAt: publishedAt.toISOString() });
  }
  return { id: product.id, name: product.name, slug: product.slug, priceMinor: product.listPriceMinor, releases: made };
}

/**
 * A licence for the organisation — of the given product, else of a product of its own — issued
 * and activated on a production host. `expired`: issued and activated 430 days ago, so a
 * one-year term has ended.
 */
async function makeLicence(
  actor: Actor,
  input: { organisationId: string; productId?: string; support: "active" | "expired"; host?: string; productName?: string; activatedAt?: Date },
) {
  const tag = suffix();
  const product = input.productId
    ? (await db.select({ id: products.id, name: products.name }).from(products).where(eq(products.id, input.productId)).limit(1))[0]!
    : await makeProduct(actor, { name: input.productName });
  const activatedAt = input.activatedAt ?? (input.support === "expired" ? new Date(Date.now() - 430 * DAY_MS) : new Date());
  const issued = await db.transaction((tx) =>
    issueLicence(tx, { productId: product.id, organisationId: input.organisationId, orderId: null, free: false, recordedAt: activatedAt, actorId: actor.id }),
  );
  const host = input.host ?? `shop-${tag}.example.com`;
  await activateLicence(actor, issued.id, host, activatedAt);
  return { id: issued.id, productId: product.id, productName: product.name, host };
}

type TicketRequest = Extract<FactoryRequest, { kind: "ticket" }>;

async function actorOf(userId: string, field: string, roles: readonly User["role"][]): Promise<Actor & { email: string; name: string }> {
  const [row] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!row || row.deactivatedAt || !roles.includes(row.role)) throw new UnknownReference(field);
  return { id: row.id, role: row.role, organisationId: row.organisationId, isPrimaryContact: row.isPrimaryContact, email: row.email, name: row.name };
}

/**
 * A ticket filed by a contact (a new organisation with a contact and a licence unless the
 * requester is given), then brought to its state by an engineer (a new one unless given):
 * `open` claimed and opened, `pending` claimed and answered with "waiting for the customer",
 * `solved` claimed and solved.
 */
async function makeTicket(actor: Actor & { name: string }, request: TicketRequest) {
  const made: Record<string, unknown> = {};
  let requester: Actor;
  if (request.requesterId) {
    requester = await actorOf(request.requesterId, "requesterId", ["customer"]);
  } else {
    const { organisation, customer } = await makeOrganisation(actor, {});
    Object.assign(made, { organisation, customer });
    requester = { id: customer.id, role: "customer", organisationId: organisation.id, isPrimaryContact: true };
  }
  let licenceId = request.licenceId ?? null;
  if (!licenceId && request.type !== "billing") {
    const licence = await makeLicence(actor, { organisationId: requester.organisationId!, support: "active" });
    made.licence = licence;
    licenceId = licence.id;
  }
  const tag = suffix();
  const input = newTicketSchema.parse({
    licenceId,
    type: request.type,
    subject: request.subject ?? `Checkout fails ${tag}`,
    description: request.description ?? "After choosing courier delivery the checkout shows error 500.",
  });
  const filed = await fileTicket(requester, input, request.access ?? accessDetailsSchema.parse({}), []);
  if (request.state !== "new") {
    let engineer: Actor;
    if (request.engineerId) {
      engineer = await actorOf(request.engineerId, "engineerId", ["engineer", "team_lead", "admin"]);
    } else {
      const person = await makePerson(actor, { role: "engineer" });
      made.engineer = person;
      engineer = { id: person.id, role: "engineer", organisationId: null, isPrimaryContact: false };
    }
    await claimTicket(engineer, filed.number);
    if (request.state === "pending") {
      const body = request.reply ?? "Could you send the error log from the server?";
      await replyAsStaff(engineer, filed.number, { body, visibility: "public", status: "pending" }, []);
    } else {
      await setTicketStatus(engineer, filed.number, request.state);
    }
  }
  return { ...made, ticket: { id: filed.id, number: filed.number, subject: input.subject, state: request.state, licenceId } };
}

/* ------------------------------------------------------------------------------------------ */
/* Time contracts                                                                              */
/* ------------------------------------------------------------------------------------------ */

/** The organisation's contract through `setContract` (recorded in the audit log like an admin's edit). */
async function makeContract(actor: Actor, request: Extract<FactoryRequest, { kind: "contract" }>) {
  const organisation = await existingOrganisation(request.organisationId);
  const input = contractSchema.parse({
    freeMinutesPerDay: request.freeMinutesPerDay,
    freeDaysPerWeek: request.freeDaysPerWeek,
    hourlyRateMinor: request.hourlyRateMinor,
    currency: request.currency,
  });
  const context = await setContract(actor, organisation.id, input);
  return {
    organisation,
    contract: { ...context.contract, hourlyRateMinor: context.hourlyRateMinor, currency: context.currency },
  };
}

/* ------------------------------------------------------------------------------------------ */
/* Batches of tickets (queue views and bulk actions)                                           */
/* ------------------------------------------------------------------------------------------ */

/** Many tickets of one contact at once: `new`, or `closed` (solved in the past, then closed by the auto-close job's use case). */
function ticketsRequest() {
  return z
    .object({
      kind: z.literal("tickets"),
      count: z.number().int().min(1).max(600),
      state: z.enum(["new", "closed"]).default("new"),
      requesterId: id.optional(),
      organisationName: name,
      subject: z.string().trim().min(3).max(180).optional(),
    })
    .strict();
}

/**
 * `count` tickets filed by the contact (else the contact of a new organisation, named
 * `organisationName` if given) on a licence of a product of its own, numbered in their subjects
 * ("<subject> 1", …). `closed`: filed, claimed by a new engineer and solved just over the
 * auto-close delay ago, then closed by `closeSolvedTickets` as the job would.
 */
async function makeTickets(actor: Actor & { name: string }, request: Extract<FactoryRequest, { kind: "tickets" }>) {
  const made: Record<string, unknown> = {};
  let requester: Actor;
  if (request.requesterId) {
    requester = await actorOf(request.requesterId, "requesterId", ["customer"]);
  } else {
    const { organisation, customer } = await makeOrganisation(actor, { name: request.organisationName });
    Object.assign(made, { organisation, customer });
    requester = { id: customer.id, role: "customer", organisationId: organisation.id, isPrimaryContact: true };
  }
  const now = Date.now();
  const at = request.state === "closed" ? new Date(now - ((await getSettings()).tickets.autoCloseDays + 1) * DAY_MS) : new Date(now);
  const licence = await makeLicence(actor, { organisationId: requester.organisationId!, support: "active", activatedAt: new Date(at.getTime() - DAY_MS) });
  let engineer: Actor | null = null;
  if (request.state === "closed") {
    const person = await makePerson(actor, { role: "engineer" });
    made.engineer = person;
    engineer = { id: person.id, role: "engineer", organisationId: null, isPrimaryContact: false };
  }
  const subject = request.subject ?? `Batch ${suffix()}`;
  const filed: { id: string; number: number; subject: string }[] = [];
  for (let i = 1; i <= request.count; i++) {
    const input = newTicketSchema.parse({ licenceId: licence.id, type: "question", subject: `${subject} ${i}`, description: "A ticket of a batch made for a queue check." });
    const ticket = await fileTicket(requester, input, accessDetailsSchema.parse({}), [], at);
    if (engineer) {
      await claimTicket(engineer, ticket.number, at);
      await setTicketStatus(engineer, ticket.number, "solved", at);
    }
    filed.push({ id: ticket.id, number: ticket.number, subject: input.subject });
  }
  if (engineer) await closeSolvedTickets(new Date(now));
  return { ...made, licence, tickets: filed };
}

/* ------------------------------------------------------------------------------------------ */
/* Knowledge base and tags                                                                     */
/* ------------------------------------------------------------------------------------------ */

/** A published article through the editor's use case (a version and an audit entry like any other). */
async function makeArticle(actor: Actor, request: Extract<FactoryRequest, { kind: "article" }>) {
  for (const productId of request.productIds) await existingProduct(productId);
  if (request.translationOf) {
    const [other] = await db.select({ id: kbArticles.id }).from(kbArticles).where(eq(kbArticles.id, request.translationOf)).limit(1);
    if (!other) throw new UnknownReference("translationOf");
  }
  const input = articleFormSchema.parse({
    title: request.title ?? `Article ${suffix()}`,
    slug: "",
    summary: request.summary,
    bodyMarkdown: request.body,
    language: request.language,
    categoryId: "",
    visibility: request.visibility,
    status: "published",
    productIds: request.productIds,
    translationOf: request.translationOf ?? "",
    sourceTicketId: "",
  });
  const article = await saveArticle(actor, null, input);
  return { id: article.id, slug: article.slug, title: article.title, language: article.language, visibility: article.visibility };
}

/** A managed tag (`createTag`), added to each given ticket (`setTicketTagsWithin`, as a macro adds one). */
async function makeTag(actor: Actor, request: Extract<FactoryRequest, { kind: "tag" }>) {
  for (const ticketId of request.ticketIds) {
    const [ticket] = await db.select({ id: tickets.id }).from(tickets).where(eq(tickets.id, ticketId)).limit(1);
    if (!ticket) throw new UnknownReference("ticketIds");
  }
  const labelEn = request.labelEn ?? `Tag ${suffix()}`;
  const tag = await createTag(actor, { labelEn, labelRu: request.labelRu ?? labelEn, colour: request.colour ?? null });
  for (const ticketId of request.ticketIds) await db.transaction((tx) => setTicketTagsWithin(tx, actor, ticketId, [tag.name], "add"));
  return { id: tag.id, name: tag.name, labelEn: tag.labelEn, labelRu: tag.labelRu };
}
