import { describe, expect, it } from "vitest";
import { inviteUserSchema, profileSchema, setPasswordSchema } from "./schemas";

describe("setPasswordSchema", () => {
  it("rejects short and mismatched passwords with field messages", () => {
    const short = setPasswordSchema.safeParse({ password: "short", confirmPassword: "short" });
    expect(short.success).toBe(false);
    const mismatch = setPasswordSchema.safeParse({ password: "long enough pw", confirmPassword: "other pw here" });
    expect(mismatch.error?.issues[0]?.path).toEqual(["confirmPassword"]);
    expect(setPasswordSchema.safeParse({ password: "long enough pw", confirmPassword: "long enough pw" }).success).toBe(true);
  });
});

describe("profileSchema", () => {
  it.each([
    ["Europe/Moscow", true],
    ["America/New_York", true],
    ["Mars/Olympus", false],
  ])("time zone %s valid=%s", (timeZone, valid) => {
    expect(profileSchema.safeParse({ name: "Ann", locale: "en", timeZone }).success).toBe(valid);
  });
});

describe("inviteUserSchema", () => {
  it("requires an organisation for a customer but not for staff", () => {
    expect(inviteUserSchema.safeParse({ email: "a@b.co", name: "A", role: "customer" }).success).toBe(false);
    expect(inviteUserSchema.safeParse({ email: "a@b.co", name: "A", role: "engineer" }).success).toBe(true);
  });
});
