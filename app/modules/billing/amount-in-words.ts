import { currencyMinorDigits } from "../licensing/renewal-pricing";

/**
 * A total in words, as Russian documents print it ("Двенадцать тысяч рублей 00 копеек") and its
 * English counterpart. Pure; integers only (0 … 999 999 999 999 999).
 */

type Gender = "m" | "f" | "n";
type Forms = readonly [one: string, few: string, many: string];

const RU_UNITS: Record<Gender, readonly string[]> = {
  m: ["", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"],
  f: ["", "одна", "две", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"],
  n: ["", "одно", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"],
};
const RU_TEENS = ["десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать", "пятнадцать", "шестнадцать", "семнадцать", "восемнадцать", "девятнадцать"];
const RU_TENS = ["", "", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят", "восемьдесят", "девяносто"];
const RU_HUNDREDS = ["", "сто", "двести", "триста", "четыреста", "пятьсот", "шестьсот", "семьсот", "восемьсот", "девятьсот"];
const RU_SCALES: ReadonlyArray<{ gender: Gender; forms: Forms }> = [
  { gender: "f", forms: ["тысяча", "тысячи", "тысяч"] },
  { gender: "m", forms: ["миллион", "миллиона", "миллионов"] },
  { gender: "m", forms: ["миллиард", "миллиарда", "миллиардов"] },
  { gender: "m", forms: ["триллион", "триллиона", "триллионов"] },
];

export const MAX_IN_WORDS = 999_999_999_999_999;

function assertRange(n: number) {
  if (!Number.isSafeInteger(n) || n < 0 || n > MAX_IN_WORDS) throw new RangeError(`Cannot write ${n} in words`);
}

/** The Russian noun form after a number: 1 рубль, 2 рубля, 5 рублей, 11 рублей, 21 рубль. */
export function ruPluralForm(n: number, forms: Forms): string {
  const category = RU_PLURAL.select(n);
  return category === "one" ? forms[0] : category === "few" ? forms[1] : forms[2];
}

/** CLDR's Russian plural rules, as ICU messages use them (no hand-written rule of our own). */
const RU_PLURAL = new Intl.PluralRules("ru");

function ruTriad(n: number, gender: Gender): string[] {
  const words: string[] = [];
  const h = Math.floor(n / 100);
  const rest = n % 100;
  if (h) words.push(RU_HUNDREDS[h]!);
  if (rest >= 10 && rest < 20) words.push(RU_TEENS[rest - 10]!);
  else {
    if (rest >= 20) words.push(RU_TENS[Math.floor(rest / 10)]!);
    if (rest % 10) words.push(RU_UNITS[gender][rest % 10]!);
  }
  return words;
}

/** A whole number in Russian words, lower case; `gender` agrees "один/одна/одно" with the noun. */
export function numberToWordsRu(n: number, gender: Gender = "m"): string {
  assertRange(n);
  if (n === 0) return "ноль";
  const words: string[] = [];
  const triads: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 1000)) triads.push(rest % 1000);
  for (let i = triads.length - 1; i >= 0; i--) {
    const triad = triads[i]!;
    if (!triad) continue;
    if (i === 0) words.push(...ruTriad(triad, gender));
    else {
      const scale = RU_SCALES[i - 1]!;
      words.push(...ruTriad(triad, scale.gender), ruPluralForm(triad, scale.forms));
    }
  }
  return words.join(" ");
}

const EN_SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
const EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
const EN_SCALES = ["thousand", "million", "billion", "trillion"];

function enTriad(n: number): string[] {
  const words: string[] = [];
  const h = Math.floor(n / 100);
  const rest = n % 100;
  if (h) words.push(EN_SMALL[h]!, "hundred");
  if (rest >= 20) words.push(rest % 10 ? `${EN_TENS[Math.floor(rest / 10)]}-${EN_SMALL[rest % 10]}` : EN_TENS[Math.floor(rest / 10)]!);
  else if (rest > 0) words.push(EN_SMALL[rest]!);
  return words;
}

/** A whole number in English words, lower case ("twelve thousand three hundred forty-five"). */
export function numberToWordsEn(n: number): string {
  assertRange(n);
  if (n === 0) return "zero";
  const triads: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 1000)) triads.push(rest % 1000);
  const words: string[] = [];
  for (let i = triads.length - 1; i >= 0; i--) {
    if (!triads[i]) continue;
    words.push(...enTriad(triads[i]!));
    if (i > 0) words.push(EN_SCALES[i - 1]!);
  }
  return words.join(" ");
}

type CurrencyWords = { ru: { major: Forms; majorGender: Gender; minor: Forms }; en: { major: [string, string]; minor: [string, string] } };
const CURRENCY_WORDS: Record<string, CurrencyWords> = {
  RUB: { ru: { major: ["рубль", "рубля", "рублей"], majorGender: "m", minor: ["копейка", "копейки", "копеек"] }, en: { major: ["rouble", "roubles"], minor: ["kopeck", "kopecks"] } },
  USD: { ru: { major: ["доллар США", "доллара США", "долларов США"], majorGender: "m", minor: ["цент", "цента", "центов"] }, en: { major: ["US dollar", "US dollars"], minor: ["cent", "cents"] } },
  EUR: { ru: { major: ["евро", "евро", "евро"], majorGender: "m", minor: ["цент", "цента", "центов"] }, en: { major: ["euro", "euros"], minor: ["cent", "cents"] } },
};

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The total in words: "Двенадцать тысяч рублей 00 копеек" / "Twelve thousand roubles 00 kopecks".
 * The minor part stays in digits, as Russian documents write it. Currencies without words print
 * their code ("… 05 CNY/100").
 */
export function amountInWords(amountMinor: number, currency: string, locale: "en" | "ru"): string {
  assertRange(amountMinor);
  const code = currency.toUpperCase();
  const digits = currencyMinorDigits(code);
  const scale = 10 ** digits;
  const major = Math.floor(amountMinor / scale);
  const minor = amountMinor % scale;
  const minorText = digits ? String(minor).padStart(digits, "0") : "";
  const words = CURRENCY_WORDS[code];
  if (locale === "ru") {
    if (!words) return `${capitalise(numberToWordsRu(major))} ${code}${digits ? ` ${minorText}/${scale}` : ""}`;
    const head = `${capitalise(numberToWordsRu(major, words.ru.majorGender))} ${ruPluralForm(major, words.ru.major)}`;
    return digits ? `${head} ${minorText} ${ruPluralForm(minor, words.ru.minor)}` : head;
  }
  if (!words) return `${capitalise(numberToWordsEn(major))} ${code}${digits ? ` ${minorText}/${scale}` : ""}`;
  const head = `${capitalise(numberToWordsEn(major))} ${major === 1 ? words.en.major[0] : words.en.major[1]}`;
  return digits ? `${head} ${minorText} ${minor === 1 ? words.en.minor[0] : words.en.minor[1]}` : head;
}
