import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  saysSiteDown,
  classifyAutomation,
  cleanSubject,
  extractAccessLines,
  extractAddress,
  licenceKeyCandidates,
  mailDomain,
  mayAutoReply,
  normaliseMessageId,
  scanMessageHeaders,
  stripQuotedReply,
  threadMessageIds,
  ticketIdFromThread,
  ticketNumberFromSubject,
  ticketThreadId,
} from "./rules";

const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name.toLowerCase()] });
const human = { headers: headers({}), from: "Anna <anna@romashka.test>", contentType: "text/plain", ownAddresses: ["support@keydesk.test"], ownMessageId: false };

describe("message ids and threading", () => {
  it.each([
    ["<abc@host>", "abc@host"],
    ["  <abc@host>  ", "abc@host"],
    ["abc@host", "abc@host"],
    ["", ""],
    ["two words", ""],
  ])("normalises %j to %j", (input, expected) => expect(normaliseMessageId(input)).toBe(expected));

  it("lists In-Reply-To first, then References newest first, without duplicates", () => {
    expect(threadMessageIds("<c@x>", "<a@x> <b@x> <c@x>")).toEqual(["c@x", "b@x", "a@x"]);
    expect(threadMessageIds(null, ["<a@x>", "<b@x>"])).toEqual(["b@x", "a@x"]);
    expect(threadMessageIds("bare@x", null)).toEqual(["bare@x"]);
  });

  it("finds the ticket through our thread root, only on our domain", () => {
    const id = "0b7c4c2e-1d2a-4c59-9a43-0f3d6f5f7a10";
    expect(ticketIdFromThread(["other@x", ticketThreadId(id, "keydesk.test")], "keydesk.test")).toBe(id);
    expect(ticketIdFromThread([ticketThreadId(id, "evil.test")], "keydesk.test")).toBeNull();
  });

  it.each([
    ["Re: [#1042] Checkout fails", 1042],
    ["RE: [# 77] Ошибка", 77],
    ["Fwd: nothing here", null],
    ["#1042 without brackets", null],
  ])("reads the ticket tag in %j", (subject, number) => expect(ticketNumberFromSubject(subject)).toBe(number));

  it("cleans reply prefixes and tags off a new ticket's subject", () => {
    expect(cleanSubject("Re: Fwd: AW: [#12] Checkout")).toBe("Checkout");
    expect(cleanSubject("Ответ: Пересл: Выгрузка")).toBe("Выгрузка");
    expect(cleanSubject("Re[2]: Оплата")).toBe("Оплата");
  });

  it("extracts addresses and our Message-ID domain", () => {
    expect(extractAddress("Анна <Anna@Romashka.TEST>")).toBe("anna@romashka.test");
    expect(extractAddress("plain@example.com")).toBe("plain@example.com");
    expect(extractAddress("no address")).toBe("");
    expect(mailDomain("Keydesk <support@Vendor.example>")).toBe("vendor.example");
  });
});

describe("loops, auto-replies and bounces", () => {
  it("lets a person's mail through", () => expect(classifyAutomation(human)).toEqual({ kind: "human" }));

  it.each([
    [{ "auto-submitted": "auto-replied" }, "auto_submitted"],
    [{ "auto-submitted": "auto-generated" }, "auto_submitted"],
    [{ precedence: "bulk" }, "precedence"],
    [{ precedence: "junk" }, "precedence"],
    [{ precedence: "list" }, "precedence"],
    [{ "list-id": "<news.example.com>" }, "list"],
    [{ "x-autoreply": "yes" }, "autoreply_header"],
    [{ "x-auto-response-suppress": "All" }, "autoreply_header"],
  ])("recognises %j as automated (%s)", (values, reason) => {
    expect(classifyAutomation({ ...human, headers: headers(values) })).toEqual({ kind: "automated", reason });
  });

  it("treats Auto-Submitted: no as a person", () => {
    expect(classifyAutomation({ ...human, headers: headers({ "auto-submitted": "no" }) })).toEqual({ kind: "human" });
  });

  it.each(["MAILER-DAEMON@mx.example.com", "postmaster@example.com", "noreply@example.com", "no-reply@shop.example"])("never answers %s", (from) => {
    expect(classifyAutomation({ ...human, from })).toMatchObject({ kind: "automated", reason: "system_sender" });
  });

  it("recognises our own address and our own Message-IDs as a loop", () => {
    expect(classifyAutomation({ ...human, from: "Support <SUPPORT@keydesk.test>" })).toMatchObject({ reason: "own_address" });
    expect(classifyAutomation({ ...human, ownMessageId: true })).toMatchObject({ reason: "own_message" });
  });

  it("recognises delivery reports as bounces", () => {
    expect(classifyAutomation({ ...human, contentType: 'multipart/report; report-type="delivery-status"; boundary=x' })).toEqual({ kind: "bounce" });
    expect(classifyAutomation({ ...human, from: "MAILER-DAEMON@mx.example", headers: headers({ subject: "Undelivered Mail Returned to Sender" }) })).toEqual({ kind: "bounce" });
  });

  it("automated mail is never answered, whatever the header's case or extra text", () => {
    const automatedHeader = fc.constantFrom("auto-submitted", "precedence", "list-id", "x-autoreply");
    const value = fc.constantFrom("auto-replied", "Auto-Generated", "bulk", "JUNK", "list", "<x.example>", "yes");
    fc.assert(
      fc.property(automatedHeader, value, fc.nat({ max: 10 }), (name, v, sent) => {
        const headerValue = name === "precedence" ? v.replace(/^(auto-replied|Auto-Generated|<x.example>|yes)$/, "bulk") : name === "auto-submitted" && v === "list" ? "auto-generated" : v;
        const verdict = classifyAutomation({ ...human, headers: headers({ [name]: headerValue }) });
        expect(verdict.kind).not.toBe("human");
        expect(mayAutoReply(sent, verdict, 5)).toBe(false);
      }),
    );
  });

  it("answers a person at most the set number of times an hour", () => {
    fc.assert(
      fc.property(fc.nat({ max: 50 }), fc.nat({ max: 100 }), (sent, perHour) => {
        expect(mayAutoReply(sent, { kind: "human" }, perHour)).toBe(sent < perHour);
      }),
    );
  });
});

describe("quoted-reply stripping", () => {
  it.each([
    ["Gmail", "Thanks, it works.\n\nOn Mon, 2 Mar 2026 at 13:05, Support <s@x> wrote:\n> Hello\n> try again"],
    ["Gmail, wrapped header", "Thanks, it works.\n\nOn Mon, 2 Mar 2026 at 13:05, Keydesk Support <support@example.com>\nwrote:\n> Hello"],
    ["Outlook", "Thanks, it works.\n\n-----Original Message-----\nFrom: Support\nSent: Monday\nSubject: x\n\nHello"],
    ["Outlook, line", "Thanks, it works.\n\n________________________________\nFrom: Support <s@x>\nSent: Monday"],
    ["Outlook, From block", "Thanks, it works.\n\nFrom: Support <s@x>\nSent: Monday, March 2\nTo: Anna"],
    ["Russian client", "Thanks, it works.\n\n2 марта 2026 г., в 13:05, Поддержка <s@x> написал(а):\n> Здравствуйте"],
    ["Thunderbird ru", "Thanks, it works.\n\n02.03.2026 13:05, Поддержка пишет:\n> Здравствуйте"],
    ["signature", "Thanks, it works.\n\n-- \nAnna Petrova\n+7 900 000-00-00"],
    ["mobile", "Thanks, it works.\n\nSent from my iPhone"],
    ["bare quotes", "Thanks, it works.\n\n> Hello\n> try again\n"],
  ])("cuts %s history", (_name, text) => {
    expect(stripQuotedReply(text)).toEqual({ reply: "Thanks, it works.", quoted: true });
  });

  it("keeps quotes interleaved with answers", () => {
    const text = "> Which version?\n2.4.1\n> And the host?\nshop.example.ru";
    expect(stripQuotedReply(text)).toEqual({ reply: text, quoted: false });
  });

  it("keeps a forwarded message whole", () => {
    const text = "Please look.\n\n---------- Forwarded message ---------\nFrom: Gateway <a@b>\nDate: Mon\nSubject: Report\n\nTransaction failed.";
    expect(stripQuotedReply(text)).toEqual({ reply: text, quoted: false });
  });

  it("keeps the whole text when cutting would leave nothing", () => {
    expect(stripQuotedReply("> only a quote").reply).toBe("> only a quote");
  });

  it("never loses the reply and never keeps the history (property)", () => {
    const word = fc.stringMatching(/^[A-Za-zА-Яа-я0-9,.!?]{1,12}$/);
    const line = fc.array(word, { minLength: 1, maxLength: 8 }).map((w) => w.join(" "));
    const reply = fc.array(line, { minLength: 1, maxLength: 6 }).map((l) => l.join("\n"));
    const header = fc.constantFrom(
      "On Tue, 3 Mar 2026 at 09:00, Support <s@x> wrote:",
      "-----Original Message-----",
      "3 марта 2026 г., в 09:00, Поддержка <s@x> написал:",
      "________________________________",
    );
    fc.assert(
      fc.property(reply, header, fc.array(line, { maxLength: 5 }), (r, h, history) => {
        const text = `${r}\n\n${h}\n${history.map((l) => `> ${l}`).join("\n")}`;
        const result = stripQuotedReply(text);
        expect(result.reply).toBe(r);
        expect(result.quoted).toBe(true);
      }),
    );
  });
});

describe("'site is down' in a subject", () => {
  it.each([
    ["Site is down!", true],
    ["URGENT: website down since 9:00", true],
    ["[site down] shop.example.com", true],
    ["Re: site  is   down", true],
    ["Сайт не работает", true],
    ["СРОЧНО: сайт лежит", true],
    ["Сайт упал после обновления", true],
    ["наш сайт недоступен", true],
    ["Question about the site download page", false],
    ["Parasite is down?", false],
    ["Не работает выгрузка заказов", false],
    ["Сайты не работают", false],
    ["", false],
  ])("%s → %s", (subject, expected) => {
    expect(saysSiteDown(subject)).toBe(expected);
  });
});

describe("licence keys in a message", () => {
  it("finds key-shaped strings, dashed or spaced", () => {
    const text = "My key is KD-7F3QK-M2X9D-TP4VH-8RWNC-Q, the old one kd 7F3QK M2X9D TP4VH 8RWNC Q.";
    expect(licenceKeyCandidates(text)).toHaveLength(2);
    expect(licenceKeyCandidates("no key here, KD-123")).toEqual([]);
  });
});

describe("access details in a message", () => {
  it("lifts password and login lines out and leaves a marker", () => {
    const text = "Hello,\nsite admin login: admin\npassword: Tr0ub4dor&3\nПароль SSH = correct-horse\nThanks";
    expect(extractAccessLines(text, "[vault]")).toEqual({
      text: "Hello,\n[vault]\nThanks",
      secrets: ["site admin login: admin", "password: Tr0ub4dor&3", "Пароль SSH = correct-horse"],
    });
  });

  it("leaves a message without a password alone", () => {
    const text = "Login: admin works, but the export is empty.";
    expect(extractAccessLines(text, "[vault]")).toEqual({ text, secrets: [] });
  });

  it("never leaves a password value behind (property)", () => {
    const secret = fc.stringMatching(/^[A-Za-z0-9!@#$%^&*]{6,20}$/);
    const label = fc.constantFrom("password", "Password", "пароль", "Пароль от FTP", "pwd", "SSH password");
    fc.assert(
      fc.property(label, secret, fc.constantFrom(":", " =", ": "), (l, s, sep) => {
        const result = extractAccessLines(`Hi\n${l}${sep}${s}\nbye`, "[vault]");
        expect(result.text).not.toContain(s);
        expect(result.secrets.join("\n")).toContain(s);
      }),
    );
  });
});

describe("scanMessageHeaders (the pipe's accept-time look)", () => {
  it("finds the Message-ID, folded or not, after an optional mbox From line", () => {
    expect(scanMessageHeaders("Message-ID: <a@b>\r\nFrom: x@y\r\n\r\nbody")).toEqual({ ok: true, messageId: "a@b" });
    expect(scanMessageHeaders("From x@y Mon Mar  2 10:00:00 2026\nSubject: hi\nMessage-Id:\n <folded@host>\n\nbody")).toEqual({ ok: true, messageId: "folded@host" });
    expect(scanMessageHeaders("From: x@y\r\nSubject: no id\r\n\r\nbody")).toEqual({ ok: true, messageId: "" });
  });

  it("refuses what has no header section", () => {
    expect(scanMessageHeaders("not a message at all")).toEqual({ ok: false });
    expect(scanMessageHeaders("\r\n\r\nbody only")).toEqual({ ok: false });
    expect(scanMessageHeaders("<html><body>hi</body></html>")).toEqual({ ok: false });
  });
});
