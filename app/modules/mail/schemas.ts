import { z } from "zod";

const checkbox = z.preprocess((v) => v === "on" || v === "true", z.boolean());
const text = (max: number) => z.preprocess((v) => (typeof v === "string" ? v.trim() : ""), z.string().max(max, { error: "mail.error.tooLong" }));

/** The admin's mail settings form. An empty password keeps the stored one. */
export const mailSettingsFormSchema = z
  .object({
    supportAddress: z.preprocess(
      (v) => (typeof v === "string" ? v.trim().toLowerCase() : ""),
      z.union([z.literal(""), z.email({ error: "mail.error.supportAddress" }).max(254)]),
    ),
    unknownSenders: z.enum(["reject", "hold"], { error: "mail.error.unknownSenders" }),
    imapEnabled: checkbox,
    imapHost: text(253),
    imapPort: z.coerce.number({ error: "mail.error.port" }).int({ error: "mail.error.port" }).min(1, { error: "mail.error.port" }).max(65535, { error: "mail.error.port" }),
    imapSecure: checkbox,
    imapUser: text(254),
    imapPassword: z.preprocess((v) => (typeof v === "string" ? v : ""), z.string().max(1000)),
    imapFolder: text(200).pipe(z.string().min(1, { error: "mail.error.folder" })),
    imapProcessedFolder: text(200).pipe(z.string().min(1, { error: "mail.error.folder" })),
  })
  .superRefine((value, ctx) => {
    if (value.imapEnabled && !value.imapHost) ctx.addIssue({ code: "custom", path: ["imapHost"], message: "mail.error.host" });
    if (value.imapEnabled && !value.imapUser) ctx.addIssue({ code: "custom", path: ["imapUser"], message: "mail.error.user" });
    if (value.imapFolder === value.imapProcessedFolder) ctx.addIssue({ code: "custom", path: ["imapProcessedFolder"], message: "mail.error.sameFolder" });
  });

export type MailSettingsInput = z.infer<typeof mailSettingsFormSchema>;
