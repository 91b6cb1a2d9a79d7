import { describe, expect, it } from "vitest";
import { russianPlural } from "./locale";

const DAYS = { one: "день", few: "дня", many: "дней" };

describe("russianPlural", () => {
  it.each([
    [0, "дней"], [1, "день"], [2, "дня"], [4, "дня"], [5, "дней"], [11, "дней"], [12, "дней"], [14, "дней"],
    [21, "день"], [22, "дня"], [25, "дней"], [101, "день"], [111, "дней"], [1000, "дней"],
  ])("%i %s", (count, expected) => {
    expect(russianPlural(count, DAYS)).toBe(expected);
  });
});
