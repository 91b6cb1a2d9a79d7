import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { amountInWords, MAX_IN_WORDS, numberToWordsEn, numberToWordsRu, ruPluralForm } from "./amount-in-words";

/** A deliberately simple reference: read the words back into a number. */
const RU_VALUES: Record<string, number> = {
  ноль: 0, один: 1, одна: 1, одно: 1, два: 2, две: 2, три: 3, четыре: 4, пять: 5, шесть: 6, семь: 7, восемь: 8, девять: 9,
  десять: 10, одиннадцать: 11, двенадцать: 12, тринадцать: 13, четырнадцать: 14, пятнадцать: 15, шестнадцать: 16, семнадцать: 17, восемнадцать: 18, девятнадцать: 19,
  двадцать: 20, тридцать: 30, сорок: 40, пятьдесят: 50, шестьдесят: 60, семьдесят: 70, восемьдесят: 80, девяносто: 90,
  сто: 100, двести: 200, триста: 300, четыреста: 400, пятьсот: 500, шестьсот: 600, семьсот: 700, восемьсот: 800, девятьсот: 900,
};
const RU_SCALE: Record<string, number> = {
  тысяча: 1e3, тысячи: 1e3, тысяч: 1e3, миллион: 1e6, миллиона: 1e6, миллионов: 1e6, миллиард: 1e9, миллиарда: 1e9, миллиардов: 1e9, триллион: 1e12, триллиона: 1e12, триллионов: 1e12,
};
function readRu(text: string): number {
  let total = 0;
  let group = 0;
  for (const word of text.split(" ")) {
    if (word in RU_SCALE) {
      total += (group || 1) * RU_SCALE[word]!;
      group = 0;
    } else if (word in RU_VALUES) group += RU_VALUES[word]!;
    else throw new Error(`unknown word ${word}`);
  }
  return total + group;
}
const EN_VALUES: Record<string, number> = Object.fromEntries(
  ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"].map((w, i) => [w, i]),
);
["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"].forEach((w, i) => (EN_VALUES[w] = (i + 2) * 10));
const EN_SCALE: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };
function readEn(text: string): number {
  let total = 0;
  let group = 0;
  for (const word of text.split(/[ -]/)) {
    if (word === "hundred") group *= 100;
    else if (word in EN_SCALE) {
      total += group * EN_SCALE[word]!;
      group = 0;
    } else if (word in EN_VALUES) group += EN_VALUES[word]!;
    else throw new Error(`unknown word ${word}`);
  }
  return total + group;
}

const ruPlural = new Intl.PluralRules("ru");
const FORMS = ["one", "few", "many"] as const;

describe("numbers in Russian words", () => {
  it("examples", () => {
    expect(numberToWordsRu(0)).toBe("ноль");
    expect(numberToWordsRu(12_000)).toBe("двенадцать тысяч");
    expect(numberToWordsRu(21_001)).toBe("двадцать одна тысяча один");
    expect(numberToWordsRu(2_002, "f")).toBe("две тысячи две");
    expect(numberToWordsRu(1_000_000)).toBe("один миллион");
    expect(numberToWordsRu(111_111_111)).toBe("сто одиннадцать миллионов сто одиннадцать тысяч сто одиннадцать");
    expect(numberToWordsRu(5_014_000_000)).toBe("пять миллиардов четырнадцать миллионов");
  });

  it("reads back to the same number, exhaustively up to 30 000", () => {
    for (let n = 0; n <= 30_000; n++) expect(readRu(numberToWordsRu(n))).toBe(n);
  });

  it("reads back to the same number for any amount up to the maximum", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: MAX_IN_WORDS }), (n) => readRu(numberToWordsRu(n)) === n), { numRuns: 5000 });
  });

  it("thousands are feminine, millions masculine; one/two agree with the gender", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 999 }), (thousands, units) => {
        const words = numberToWordsRu(thousands * 1000 + units, "f").split(" ");
        expect(words).not.toContain("один");
        expect(words).not.toContain("два");
      }),
    );
    expect(numberToWordsRu(1_001_001, "n")).toBe("один миллион одна тысяча одно");
  });

  it("the noun form agrees with Intl's Russian plural rules for every integer", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_IN_WORDS }), (n) => {
        const expected = FORMS.indexOf(ruPlural.select(n) as (typeof FORMS)[number]);
        return ruPluralForm(n, ["one", "few", "many"]) === FORMS[expected];
      }),
    );
    for (let n = 0; n < 1000; n++) expect(ruPluralForm(n, ["one", "few", "many"])).toBe(ruPlural.select(n));
  });

  it("refuses what it cannot write", () => {
    expect(() => numberToWordsRu(-1)).toThrow(RangeError);
    expect(() => numberToWordsRu(1.5)).toThrow(RangeError);
    expect(() => numberToWordsRu(MAX_IN_WORDS + 1)).toThrow(RangeError);
  });
});

describe("numbers in English words", () => {
  it("examples and read-back", () => {
    expect(numberToWordsEn(12_345)).toBe("twelve thousand three hundred forty-five");
    expect(numberToWordsEn(1_000_010)).toBe("one million ten");
    for (let n = 0; n <= 20_000; n++) expect(readEn(numberToWordsEn(n))).toBe(n);
    fc.assert(fc.property(fc.integer({ min: 0, max: MAX_IN_WORDS }), (n) => readEn(numberToWordsEn(n)) === n));
  });
});

describe("amounts in words", () => {
  it("prints roubles and kopecks as Russian documents do", () => {
    expect(amountInWords(1_200_000, "RUB", "ru")).toBe("Двенадцать тысяч рублей 00 копеек");
    expect(amountInWords(2_100_101, "RUB", "ru")).toBe("Двадцать одна тысяча один рубль 01 копейка");
    expect(amountInWords(302, "RUB", "ru")).toBe("Три рубля 02 копейки");
    expect(amountInWords(0, "RUB", "ru")).toBe("Ноль рублей 00 копеек");
    expect(amountInWords(1_200_000, "RUB", "en")).toBe("Twelve thousand roubles 00 kopecks");
    expect(amountInWords(101, "USD", "en")).toBe("One US dollar 01 cent");
    expect(amountInWords(500, "JPY", "ru")).toBe("Пятьсот JPY");
    expect(amountInWords(1234, "CNY", "ru")).toBe("Двенадцать CNY 34/100");
  });

  it("the words read back to the major amount and the digits are the minor part", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_147_483_647 }), (amount) => {
        const text = amountInWords(amount, "RUB", "ru");
        const match = /^(.+) (рубль|рубля|рублей) (\d\d) (копейка|копейки|копеек)$/.exec(text);
        expect(match).not.toBeNull();
        expect(readRu(match![1]!.toLowerCase())).toBe(Math.floor(amount / 100));
        expect(Number(match![3])).toBe(amount % 100);
        expect(match![2]).toBe(ruPluralForm(Math.floor(amount / 100), ["рубль", "рубля", "рублей"]));
      }),
    );
  });
});
