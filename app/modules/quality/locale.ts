/** Languages customer-facing quality texts are written in. */
export const QUALITY_LOCALES = ["en", "ru"] as const;
export type QualityLocale = (typeof QUALITY_LOCALES)[number];

/**
 * Russian noun form for a count: 1 день, 2 дня, 5 дней, 11 дней, 21 день.
 * Hand-written rather than Intl.PluralRules so output does not depend on the
 * runtime's ICU data.
 */
export function russianPlural(count: number, forms: { one: string; few: string; many: string }): string {
  const lastTwo = Math.abs(count) % 100;
  const last = lastTwo % 10;
  if (lastTwo >= 11 && lastTwo <= 14) return forms.many;
  if (last === 1) return forms.one;
  if (last >= 2 && last <= 4) return forms.few;
  return forms.many;
}

export function englishPlural(count: number, one: string, other: string): string {
  return count === 1 ? one : other;
}
