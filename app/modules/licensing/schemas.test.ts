import { describe, expect, it } from "vitest";
import {
  activationSchema,
  buySchema,
  endOfLocalDay,
  extendSchema,
  parseLocalDateTime,
  productFormSchema,
  releaseFormSchema,
  toLocalDateInput,
  toLocalDateTimeInput,
  validateRequestSchema,
} from "./schemas";

describe("productFormSchema", () => {
  const base = { name: "SEO Booster", slug: "SEO-Booster", description: "", currency: "rub", price: "12 000,50", active: "on" };

  it("turns the major-unit price into minor units and normalises slug and currency", () => {
    const result = productFormSchema.parse(base);
    expect(result).toMatchObject({ slug: "seo-booster", currency: "RUB", listPriceMinor: 1_200_050, free: false, active: true, requiredPlatform: null });
  });

  it("requires a positive price unless the product is free", () => {
    expect(productFormSchema.safeParse({ ...base, price: "0" }).success).toBe(false);
    expect(productFormSchema.safeParse({ ...base, price: "12.345" }).success).toBe(false);
    expect(productFormSchema.parse({ ...base, price: "", free: "on" })).toMatchObject({ free: true, listPriceMinor: 0 });
    expect(productFormSchema.safeParse({ ...base, slug: "no spaces" }).success).toBe(false);
  });

  it("names what is wrong by catalogue key", () => {
    expect(productFormSchema.safeParse({ ...base, price: "0" }).error?.issues.map((i) => i.message)).toEqual(["product.error.priceAboveZero"]);
    expect(productFormSchema.safeParse({ ...base, slug: "no spaces" }).error?.issues.map((i) => i.message)).toEqual(["product.error.slugFormat"]);
    expect(activationSchema.safeParse({ host: "ftp://x" }).error?.issues.map((i) => i.message)).toEqual(["licence.error.hostFormat"]);
  });
});

describe("other inputs", () => {
  it("normalises activation hosts and refuses junk", () => {
    expect(activationSchema.parse({ host: "https://WWW.Shop.Example.com/path" })).toEqual({ host: "shop.example.com" });
    expect(activationSchema.safeParse({ host: "ftp://x" }).success).toBe(false);
    expect(activationSchema.safeParse({ host: "  " }).success).toBe(false);
  });

  it("checks versions, days and the buy form", () => {
    expect(releaseFormSchema.safeParse({ version: "2.4.1", notes: "" }).success).toBe(true);
    expect(releaseFormSchema.safeParse({ version: "latest", notes: "" }).success).toBe(false);
    expect(extendSchema.safeParse({ days: "0", reason: "x" }).success).toBe(false);
    expect(extendSchema.parse({ days: "14", reason: "goodwill" })).toEqual({ days: 14, reason: "goodwill" });
    expect(buySchema.safeParse({ email: "A@B.CO", name: "A", organisationName: "B", method: "invoice" })).toMatchObject({ success: true, data: { email: "a@b.co" } });
    expect(buySchema.safeParse({ email: "a@b.co", name: "A", organisationName: "B", method: "cash" }).success).toBe(false);
  });

  it("validates API input by field", () => {
    const result = validateRequestSchema.safeParse({ key: "", host: 3 });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join("."))).toEqual(["key", "host"]);
  });
});

describe("local dates", () => {
  it("reads and writes datetime-local values in the user's zone", () => {
    const instant = parseLocalDateTime("2026-06-01T10:30", "Europe/Moscow");
    expect(instant?.toISOString()).toBe("2026-06-01T07:30:00.000Z");
    expect(toLocalDateTimeInput(instant, "Europe/Moscow")).toBe("2026-06-01T10:30");
    expect(parseLocalDateTime("nonsense", "UTC")).toBeNull();
    expect(parseLocalDateTime(undefined, "UTC")).toBeNull();
  });

  it("a platform expiry date lasts through that day", () => {
    const end = endOfLocalDay("2027-03-01", "Europe/Moscow");
    expect(end.toISOString()).toBe("2027-03-01T20:59:59.999Z");
    expect(toLocalDateInput(end, "Europe/Moscow")).toBe("2027-03-01");
  });
});
