import { z } from "zod";

export const KB_LANGUAGES = ["en", "ru"] as const;
export type KbLanguage = (typeof KB_LANGUAGES)[number];
export const KB_VISIBILITIES = ["public", "customers", "staff"] as const;
export type KbVisibility = (typeof KB_VISIBILITIES)[number];
export const KB_STATUSES = ["draft", "published"] as const;

const uuidOrEmpty = z.union([z.uuid(), z.literal("")]).transform((v) => (v === "" ? null : v));
const checked = z.union([z.string(), z.array(z.string())]).optional().transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

/** The article editor. Codes, not sentences: the page renders them in the reader's language. */
export const articleFormSchema = z.object({
  title: z.string().trim().min(3, "kb.error.title").max(200, "kb.error.title"),
  slug: z
    .string()
    .trim()
    .max(80, "kb.error.slug")
    .regex(/^([a-z0-9]+(-[a-z0-9]+)*)?$/, "kb.error.slug"),
  summary: z.string().trim().max(300, "kb.error.summary"),
  bodyMarkdown: z.string().trim().min(10, "kb.error.body").max(100_000, "kb.error.body"),
  language: z.enum(KB_LANGUAGES, "kb.error.language"),
  categoryId: uuidOrEmpty,
  visibility: z.enum(KB_VISIBILITIES, "kb.error.visibility"),
  status: z.enum(KB_STATUSES, "kb.error.status"),
  productIds: checked.pipe(z.array(z.uuid()).max(50)),
  /** Another article this one translates (its group is joined). */
  translationOf: uuidOrEmpty,
  sourceTicketId: uuidOrEmpty,
});
export type ArticleFormInput = z.infer<typeof articleFormSchema>;

export const feedbackSchema = z.object({
  helpful: z.enum(["yes", "no"]).transform((v) => v === "yes"),
  comment: z.string().trim().max(2000).default(""),
});

export const kbSearchParamsSchema = z.object({
  q: z.string().trim().max(200).catch(""),
  lang: z.enum(KB_LANGUAGES).optional().catch(undefined),
  product: z.string().trim().max(100).optional().catch(undefined),
  category: z.string().trim().max(100).optional().catch(undefined),
});

/** Desk/portal search filters from the address bar; anything unreadable is dropped. */
export const ticketSearchFiltersSchema = z.object({
  q: z.string().max(200).catch(""),
  status: z.enum(["new", "open", "pending", "on_hold", "solved", "closed"]).optional().catch(undefined),
  productId: z.uuid().optional().catch(undefined),
  organisationId: z.uuid().optional().catch(undefined),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
  /** Rank matches of every date, not only the newest (the desk's search box). */
  all: z.literal("1").optional().catch(undefined),
});
export type TicketSearchFilters = z.infer<typeof ticketSearchFiltersSchema>;
