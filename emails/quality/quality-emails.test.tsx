import { render, toPlainText } from "@react-email/render";
import { createElement, type ComponentType } from "react";
import { describe, expect, it } from "vitest";
import { emailTemplates, type EmailTemplateName } from "../index";

const QUALITY = (Object.keys(emailTemplates) as EmailTemplateName[]).filter((name) => name.startsWith("quality."));

type Previewable = ComponentType<Record<string, unknown>> & { PreviewProps?: Record<string, unknown> };

describe("quality emails", () => {
  it("cover every email the quality module sends", () => {
    expect(QUALITY.sort()).toEqual(
      [
        "quality.alert",
        "quality.complaint-acknowledged",
        "quality.complaint-answered",
        "quality.complaint-received",
        "quality.csat-request",
        "quality.review-invitation",
        "quality.review-published",
        "quality.review-rejected",
      ].sort(),
    );
  });

  for (const name of QUALITY) {
    for (const locale of ["en", "ru"] as const) {
      it(`${name} renders in ${locale} with a subject and no gaps`, async () => {
        const entry = emailTemplates[name] as unknown as { component: Previewable; subject: (p: Record<string, unknown>) => string };
        const props = { ...entry.component.PreviewProps, locale };
        expect(entry.component.PreviewProps, `${name} needs PreviewProps`).toBeTruthy();
        const subject = entry.subject(props);
        const text = toPlainText(await render(createElement(entry.component, props)));
        expect(subject.length).toBeGreaterThan(5);
        for (const output of [subject, text]) expect(output).not.toMatch(/undefined|null|\[object Object\]/);
        if (locale === "ru") expect(text).toMatch(/[а-яё]/i);
      });
    }
  }

  it("the alert names each kind of event", () => {
    const alert = emailTemplates["quality.alert"];
    const base = { locale: "en" as const, name: "Q", title: "T", organisationName: "Org", details: [], url: "http://x" };
    const subjects = (["low_csat", "new_complaint", "escalated", "customer_reply", "deadline_warn", "deadline_breach"] as const).map((kind) =>
      alert.subject({ ...base, kind, clock: "answer", dueAt: "Mon 13:30 MSK" }),
    );
    expect(new Set(subjects).size).toBe(6);
    expect(subjects[5]).toBe("Complaint answer overdue: T");
  });
});
