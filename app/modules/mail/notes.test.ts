import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mailNoteText, type MailNote } from "./notes";

const reasons = ["too_large", "empty", "type_not_accepted", "too_many"] as const;

describe("mail notes in the reader's language", () => {
  it("says the same fact in English and in Russian", () => {
    expect(mailNoteText("en", { kind: "access_moved" })).toBe("Access details from this message were moved to the ticket's encrypted vault.");
    expect(mailNoteText("ru", { kind: "access_moved" })).toBe("Доступы из этого письма перенесены в зашифрованное хранилище обращения.");
    const refused: MailNote = { kind: "attachment_refused", fileName: "viewer.exe", reason: "type_not_accepted" };
    expect(mailNoteText("en", refused)).toBe("Attachment not accepted: viewer.exe — this type of file is not accepted");
    expect(mailNoteText("ru", refused)).toBe("Вложение не принято: viewer.exe — файлы такого типа не принимаются");
  });

  it("every refusal names the file as sent and a reason in that language, never a raw key", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 80 }), fc.constantFrom(...reasons), fc.constantFrom("en" as const, "ru" as const), (fileName, reason, locale) => {
        const text = mailNoteText(locale, { kind: "attachment_refused", fileName, reason });
        expect(text).toContain(fileName);
        expect(text).not.toMatch(/mail\.refusal|\{reason\}|\{name\}/);
        expect(/[а-яё]/i.test(text.replace(fileName, ""))).toBe(locale === "ru");
      }),
    );
  });
});
