import { describe, expect, it } from "vitest";
import { newComplaint } from "./complaint-state";
import {
  BUSINESS_DAY_MINUTES,
  COMPLAINT_ANSWER_TARGET_BUSINESS_MINUTES,
  complaintAcknowledgeClockStartedAt,
  complaintAnswerClockStartedAt,
} from "./targets";

describe("complaint targets", () => {
  it("count business days of 8 hours; the answer is due in 3 (acknowledgement is a setting)", () => {
    expect([BUSINESS_DAY_MINUTES, COMPLAINT_ANSWER_TARGET_BUSINESS_MINUTES]).toEqual([480, 1440]);
  });

  const receivedAt = new Date("2025-03-03T09:00:00Z");
  const repliedAt = new Date("2025-03-10T09:00:00Z");
  it.each([
    { name: "before any reply", customerReply: null, answer: receivedAt },
    { name: "after the customer's reply", customerReply: { text: "no", repliedAt }, answer: repliedAt },
  ])("clocks $name", ({ customerReply, answer }) => {
    const state = { ...newComplaint(receivedAt), customerReply };
    expect(complaintAnswerClockStartedAt(state)).toEqual(answer);
    expect(complaintAcknowledgeClockStartedAt(state)).toEqual(receivedAt);
  });
});
