/** Languages customer-facing quality texts are written in. */
export const QUALITY_LOCALES = ["en", "ru"] as const;
export type QualityLocale = (typeof QUALITY_LOCALES)[number];
