import { describe, expect, it } from "vitest";
import { describeRemedy, remedySchema, type Remedy } from "./remedies";

describe("remedySchema", () => {
  it.each<{ input: Record<string, unknown>; expected: Remedy }>([
    { input: { type: "extend_support", licenceId: "lic-1", days: "30" }, expected: { type: "extend_support", licenceId: "lic-1", days: 30 } },
    { input: { type: "extend_support", licenceId: "lic-1", days: 3650 }, expected: { type: "extend_support", licenceId: "lic-1", days: 3650 } },
    { input: { type: "credit_prepaid", organisationId: "org-1", minutes: 1 }, expected: { type: "credit_prepaid", organisationId: "org-1", minutes: 1 } },
    { input: { type: "credit_prepaid", organisationId: "org-1", minutes: 100_000 }, expected: { type: "credit_prepaid", organisationId: "org-1", minutes: 100_000 } },
    { input: { type: "cancel_billable", timeEntryId: " te-1 " }, expected: { type: "cancel_billable", timeEntryId: "te-1" } },
    { input: { type: "reassign_ticket", ticketId: "t-1", assigneeId: "u-2" }, expected: { type: "reassign_ticket", ticketId: "t-1", assigneeId: "u-2" } },
  ])("accepts $input.type $input", ({ input, expected }) => {
    expect(remedySchema.parse(input)).toEqual(expected);
  });

  it.each([
    { name: "0 days", input: { type: "extend_support", licenceId: "lic-1", days: 0 } },
    { name: "3651 days", input: { type: "extend_support", licenceId: "lic-1", days: 3651 } },
    { name: "fractional days", input: { type: "extend_support", licenceId: "lic-1", days: 1.5 } },
    { name: "0 minutes", input: { type: "credit_prepaid", organisationId: "org-1", minutes: 0 } },
    { name: "100001 minutes", input: { type: "credit_prepaid", organisationId: "org-1", minutes: 100_001 } },
    { name: "empty entry id", input: { type: "cancel_billable", timeEntryId: " " } },
    { name: "missing assignee", input: { type: "reassign_ticket", ticketId: "t-1" } },
    { name: "unknown type", input: { type: "refund_everything" } },
    { name: "fields of another type", input: { type: "cancel_billable", licenceId: "lic-1", days: 5 } },
  ])("rejects $name", ({ input }) => {
    expect(remedySchema.safeParse(input).success).toBe(false);
  });
});

describe("describeRemedy", () => {
  it.each<{ remedy: Remedy; en: string; ru: string }>([
    { remedy: { type: "extend_support", licenceId: "l", days: 30 }, en: "Support extended by 30 days", ru: "Поддержка продлена на 30 дней" },
    { remedy: { type: "extend_support", licenceId: "l", days: 1 }, en: "Support extended by 1 day", ru: "Поддержка продлена на 1 день" },
    { remedy: { type: "extend_support", licenceId: "l", days: 3 }, en: "Support extended by 3 days", ru: "Поддержка продлена на 3 дня" },
    { remedy: { type: "extend_support", licenceId: "l", days: 11 }, en: "Support extended by 11 days", ru: "Поддержка продлена на 11 дней" },
    { remedy: { type: "extend_support", licenceId: "l", days: 21 }, en: "Support extended by 21 days", ru: "Поддержка продлена на 21 день" },
    { remedy: { type: "extend_support", licenceId: "l", days: 112 }, en: "Support extended by 112 days", ru: "Поддержка продлена на 112 дней" },
    { remedy: { type: "credit_prepaid", organisationId: "o", minutes: 1 }, en: "1 prepaid minute credited to your balance", ru: "Предоплаченный баланс пополнен на 1 минуту" },
    { remedy: { type: "credit_prepaid", organisationId: "o", minutes: 22 }, en: "22 prepaid minutes credited to your balance", ru: "Предоплаченный баланс пополнен на 22 минуты" },
    { remedy: { type: "credit_prepaid", organisationId: "o", minutes: 120 }, en: "120 prepaid minutes credited to your balance", ru: "Предоплаченный баланс пополнен на 120 минут" },
    { remedy: { type: "cancel_billable", timeEntryId: "te" }, en: "The charge for the logged time was cancelled", ru: "Оплата за учтённое время отменена" },
    { remedy: { type: "reassign_ticket", ticketId: "t", assigneeId: "u" }, en: "Your request was handed over to another engineer", ru: "Обращение передано другому специалисту" },
  ])("$remedy", ({ remedy, en, ru }) => {
    expect(describeRemedy(remedy, "en")).toBe(en);
    expect(describeRemedy(remedy, "ru")).toBe(ru);
  });
});
