import { describe, expect, it } from "vitest";
import { renderEmail } from "~/utils/email.server";
import InvoiceEmail from "../billing/invoice";
import ReceiptEmail from "../billing/receipt";
import LicenceIssuedEmail from "./licence-issued";
import RenewalReminderEmail from "./renewal-reminder";
import PlanEndingEmail from "../sla/plan-ending";

const cases = [
  ["billing.invoice", InvoiceEmail.PreviewProps, /Invoice 10042/, /Счёт 10042/],
  ["billing.receipt", ReceiptEmail.PreviewProps, /Receipt for order 10042/, /Квитанция по заказу 10042/],
  ["licensing.licence-issued", LicenceIssuedEmail.PreviewProps, /Your licence key for SEO Booster/, /Лицензионный ключ для SEO Booster/],
  ["licensing.renewal-reminder", RenewalReminderEmail.PreviewProps, /end on 1 June 2026/, /заканчиваются 1 June 2026/],
  ["sla.plan-ending", PlanEndingEmail.PreviewProps, /Priority support plan of Acme LLC ends on 1 June 2026/, /План поддержки «Priority» для Acme LLC заканчивается 1 June 2026/],
] as const;

describe("licensing and billing emails", () => {
  it.each(cases)("%s renders in English and Russian", async (template, props, en, ru) => {
    const english = await renderEmail(template, props as never);
    expect(english.subject).toMatch(en);
    expect(english.html).toContain('lang="en"');
    const russian = await renderEmail(template, { ...props, locale: "ru" } as never);
    expect(russian.subject).toMatch(ru);
    expect(russian.html).toContain('lang="ru"');
  });

  it("puts the key and the links in the plain text", async () => {
    const issued = await renderEmail("licensing.licence-issued", LicenceIssuedEmail.PreviewProps);
    expect(issued.text).toContain("KD-7F3QK-M2X9D-TP4VH-8RWNC-Q");
    expect(issued.text).toContain("/portal/licences");
    const reminder = await renderEmail("licensing.renewal-reminder", { ...RenewalReminderEmail.PreviewProps, kind: "day_0" });
    expect(reminder.subject).toBe("Updates and support for SEO Booster ended today");
    expect(reminder.text).toContain("/renew?key=");
    expect(reminder.text).toContain("50 %");
  });
});
