import { and, asc, eq, ilike, isNull } from "drizzle-orm";
import { licences, organisations, products, users } from "#db/schema";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { can, type Actor } from "../accounts/permissions";
import type { EligibilityAllowed } from "../licensing/eligibility";
import { createTicketRecord, EligibilityRefusedError, filingVerdictWithin, type FileTicketResult } from "./filing.server";
import type { OnBehalfInput } from "./schemas";
import { isCustomer } from "./tickets.server";

/**
 * A ticket filed by staff on a customer's behalf (a phone call, a message elsewhere;
 * docs/decisions/182). The contact is the requester and gets the usual "ticket received"; the
 * eligibility gate runs on the contact's licence exactly as in the portal. Staff may override a
 * refusal with a reason, which the ticket and the audit entry keep.
 */

function requireStaff(actor: Actor): void {
  if (isCustomer(actor) || !can(actor, "update:ticket:any")) throw AppError.forbidden();
}

/** Organisations matching the search box (by name), for the first select. */
export async function onBehalfOrganisations(actor: Actor, q: string) {
  requireStaff(actor);
  const term = q.trim().slice(0, 100);
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(and(isNull(organisations.mergedIntoId), term ? ilike(organisations.name, `%${term.replace(/[%_\\]/g, "\\$&")}%`) : undefined))
    .orderBy(asc(organisations.name))
    .limit(50);
}

/** The chosen organisation's contacts and licences (404 for an unknown organisation). */
export async function onBehalfChoices(actor: Actor, organisationId: string) {
  requireStaff(actor);
  if (!/^[0-9a-f-]{36}$/i.test(organisationId)) throw AppError.notFound("onBehalf.error.organisationNotFound");
  const [organisation] = await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.id, organisationId)).limit(1);
  if (!organisation) throw AppError.notFound("onBehalf.error.organisationNotFound");
  const [contacts, licenceRows] = await Promise.all([
    db
      .select({ id: users.id, name: users.name, email: users.email })
      .from(users)
      .where(and(eq(users.organisationId, organisationId), eq(users.role, "customer"), isNull(users.deactivatedAt)))
      .orderBy(asc(users.name))
      .limit(500),
    db
      .select({ id: licences.id, productName: products.name, productionHost: licences.productionHost, keyCanonical: licences.keyCanonical })
      .from(licences)
      .innerJoin(products, eq(products.id, licences.productId))
      .where(eq(licences.organisationId, organisationId))
      .orderBy(asc(products.name), asc(licences.createdAt))
      .limit(500),
  ]);
  return { organisation, contacts, licences: licenceRows.map(({ keyCanonical, ...rest }) => ({ ...rest, keyEnding: keyCanonical.slice(-5) })) };
}

export class OverrideNeededError extends EligibilityRefusedError {}

/** Files the ticket for the contact: gate first; a refusal passes only with a reason. */
export async function fileTicketOnBehalf(actor: Actor, input: OnBehalfInput, now = new Date()): Promise<FileTicketResult> {
  requireStaff(actor);
  if (!input.licenceId && input.type !== "billing") throw AppError.invalid("tickets.error.licenceFor", { licenceId: ["tickets.error.chooseLicence"] });
  return db.transaction(async (tx) => {
    const [contact] = await tx
      .select({ id: users.id, role: users.role, organisationId: users.organisationId, deactivatedAt: users.deactivatedAt })
      .from(users)
      .where(eq(users.id, input.contactId))
      .limit(1);
    if (!contact || contact.role !== "customer" || contact.organisationId !== input.organisationId || contact.deactivatedAt) {
      throw AppError.invalid("onBehalf.error.contactOfOrganisation", { contactId: ["onBehalf.error.chooseContactHere"] });
    }
    const requester = { id: contact.id, role: "customer", organisationId: input.organisationId, isPrimaryContact: false } as Actor & { organisationId: string };
    const verdict = await filingVerdictWithin(tx, requester, { licenceId: input.licenceId, type: input.type }, now).catch((error: unknown) => {
      // Another organisation's licence is "not found" to the contact: say it as the form's words.
      if (error instanceof AppError && error.code === "not_found") throw AppError.invalid("onBehalf.error.licenceOfOrganisation", { licenceId: ["onBehalf.error.chooseLicenceHere"] });
      throw error;
    });
    if (verdict.kind !== "verdict") throw AppError.invalid("tickets.error.licenceFor", { licenceId: ["tickets.error.chooseLicence"] });
    let eligibility: EligibilityAllowed;
    let overrideReason: string | null = null;
    if (verdict.eligibility.allowed) {
      eligibility = verdict.eligibility;
    } else {
      if (input.overrideReason.length < 5) throw new OverrideNeededError(verdict.eligibility);
      overrideReason = input.overrideReason;
      // Overridden: the ticket is worked like a supported one (the plan's targets apply).
      eligibility = { allowed: true, code: "BILLING_ALWAYS_ALLOWED", params: {}, noResponseCommitment: false };
    }
    const created = await createTicketRecord(
      tx,
      requester,
      {
        type: input.type,
        subject: input.subject,
        description: input.description,
        stepsToReproduce: input.stepsToReproduce,
        siteAddress: input.siteAddress,
        siteDown: input.siteDown,
        licence: verdict.licence,
        eligibility,
        access: null,
        followUpOfId: null,
        filedBy: { staffId: actor.id, overrideReason, splitFromId: null },
      },
      [],
      now,
    );
    return created;
  });
}

