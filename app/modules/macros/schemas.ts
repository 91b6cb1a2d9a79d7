/** The macro form (one schema). Pure. */
import { z } from "zod";
import { PRIORITY_VALUES } from "../tickets/queue-filters";
import { TICKET_STATUSES } from "../tickets/status";
import { unknownPlaceholders } from "./render";

const emptyToNull = (v: unknown) => (v === "" || v === undefined ? null : v);

const UNKNOWN_PLACEHOLDER = "macros.error.unknownPlaceholder";

function placeholdersKnown(text: string, ctx: z.RefinementCtx) {
  const unknown = unknownPlaceholders(text);
  // The message is a catalogue key; the unknown placeholders are its parameter.
  if (unknown.length > 0) ctx.addIssue({ code: "custom", message: UNKNOWN_PLACEHOLDER, params: { input: unknown.join(", ") } });
}

export const MACRO_ASSIGN = ["me", "nobody"] as const;

export const macroSchema = z
  .object({
    title: z.string({ error: "macros.error.title" }).trim().min(1, "macros.error.title").max(120, "macros.error.titleLong"),
    bodyEn: z.string().max(20_000, "macros.error.bodyLong").default("").superRefine(placeholdersKnown),
    bodyRu: z.string().max(20_000, "macros.error.bodyLong").default("").superRefine(placeholdersKnown),
    setStatus: z.preprocess(emptyToNull, z.enum(TICKET_STATUSES).nullable()),
    setPriority: z.preprocess(emptyToNull, z.enum(PRIORITY_VALUES).nullable()),
    assign: z.preprocess(emptyToNull, z.enum(MACRO_ASSIGN).nullable()),
    addTags: z.string().max(1000).default(""),
    shared: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  })
  .superRefine((value, ctx) => {
    if (!value.bodyEn.trim() && !value.bodyRu.trim()) ctx.addIssue({ code: "custom", path: ["bodyEn"], message: "macros.error.body" });
  });
export type MacroInput = z.infer<typeof macroSchema>;
