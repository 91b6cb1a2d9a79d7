import { describe, expect, it } from "vitest";
import { innCheckDigits } from "../imports/normalise";
import { siteDownPriority } from "../tickets/schemas";
import { duplicateKeys, matchingKeys, organisationFormValues, parseOrganisationForm } from "./organisation-form";

const INN = "770708389" + innCheckDigits("770708389");

describe("the organisation form", () => {
  it("normalises like the import: name quotes, INN without spaces, KPP, phones to E.164 with extensions, emails lower-cased and de-duplicated", () => {
    const parsed = parseOrganisationForm(
      { name: "ООО «Ромашка»", taxId: `${INN.slice(0, 3)}-${INN.slice(3)}`, kpp: "77010100", phones: "8 (495) 123-45-67\n8-912-345-67-89 доб. 12\n+7 495 123 45 67", emails: "A@B.example; a@b.example c@d.example", planId: "" },
      "RU",
    );
    expect(parsed).toEqual({
      ok: true,
      values: {
        name: 'ООО "Ромашка"',
        legalForm: null,
        taxId: INN,
        kpp: "077010100",
        phone: "+74951234567",
        extraPhones: ["+79123456789;ext=12"],
        email: "a@b.example",
        extraEmails: ["c@d.example"],
        address: null,
        planId: null,
        notes: null,
      },
    });
  });

  it.each([
    [{ name: "" }, { name: { code: "required" } }],
    [{ name: "X", taxId: INN.slice(0, 9) + ((Number(INN[9]) + 1) % 10) }, { taxId: { code: "inn_checksum" } }],
    [{ name: "X", taxId: "12345" }, { taxId: { code: "inn_format" } }],
    [{ name: "X", kpp: "12" }, { kpp: { code: "kpp_format" } }],
    [{ name: "X", phones: "+7 495 123-45-67\ncall me" }, { phones: { code: "phone_invalid", value: "call me" } }],
    [{ name: "X", emails: "ok@example.com, not-an-email" }, { emails: { code: "email_invalid", value: "not-an-email" } }],
    [{ name: "X", planId: "standard" }, { planId: { code: "plan_unknown" } }],
    [{ name: "X".repeat(301) }, { name: { code: "too_long" } }],
  ])("refuses %j with %j", (raw, errors) => {
    expect(parseOrganisationForm(raw, "RU")).toEqual({ ok: false, errors });
  });

  it("round-trips through the form's text and finds duplicates by tax ID, every phone and every email", () => {
    const parsed = parseOrganisationForm({ name: "A", taxId: INN, phones: "+74951234567\n+79123456789", emails: "a@b.example" }, "RU");
    if (!parsed.ok) throw new Error("expected valid");
    expect(parseOrganisationForm(organisationFormValues(parsed.values), "RU")).toEqual(parsed);
    const keys = duplicateKeys(parsed.values);
    expect(keys).toEqual([
      { by: "taxId", key: INN },
      { by: "phone", key: "+74951234567" },
      { by: "phone", key: "+79123456789" },
      { by: "email", key: "a@b.example" },
    ]);
    expect(matchingKeys(keys, { taxId: null, phone: "+79123456789", extraPhones: [], email: null, extraEmails: ["a@b.example"] })).toEqual([
      { by: "phone", key: "+79123456789" },
      { by: "email", key: "a@b.example" },
    ]);
  });
});

describe("site-down priority", () => {
  it("is urgent where the plan allows it, high otherwise, untouched without the flag", () => {
    expect(siteDownPriority(true, true)).toBe("urgent");
    expect(siteDownPriority(true, false)).toBe("high");
    expect(siteDownPriority(false, true)).toBeNull();
  });
});
