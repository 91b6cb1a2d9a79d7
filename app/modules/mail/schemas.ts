import { z } from "zod";

const checkbox = z.preprocess((v) => v === "on" || v === "true", z.boolean());
const text = (max: number) => z.preprocess((v) => (typeof v === "string" ? v.trim() : ""), z.string().max(max, { error: `At most ${max} characters` }));

/** The admin's mail settings form. An empty password keeps the stored one. */
export const mailSettingsFormSchema = z
  .object({
    supportAddress: z.preprocess(
      (v) => (typeof v === "string" ? v.trim().toLowerCase() : ""),
      z.union([z.literal(""), z.email({ error: "Enter a valid email address, like support@example.com" }).max(254)]),
    ),
    unknownSenders: z.enum(["reject", "hold"], { error: "Choose what happens to mail from unknown senders" }),
    imapEnabled: checkbox,
    imapHost: text(253),
    imapPort: z.coerce.number({ error: "Enter a port number" }).int({ error: "Enter a port number" }).min(1, { error: "Enter a port number" }).max(65535, { error: "Enter a port number" }),
    imapSecure: checkbox,
    imapUser: text(254),
    imapPassword: z.preprocess((v) => (typeof v === "string" ? v : ""), z.string().max(1000)),
    imapFolder: text(200).pipe(z.string().min(1, { error: "Enter a folder name" })),
    imapProcessedFolder: text(200).pipe(z.string().min(1, { error: "Enter a folder name" })),
  })
  .superRefine((value, ctx) => {
    if (value.imapEnabled && !value.imapHost) ctx.addIssue({ code: "custom", path: ["imapHost"], message: "Enter the mail server's host name" });
    if (value.imapEnabled && !value.imapUser) ctx.addIssue({ code: "custom", path: ["imapUser"], message: "Enter the mailbox user name" });
    if (value.imapFolder === value.imapProcessedFolder) ctx.addIssue({ code: "custom", path: ["imapProcessedFolder"], message: "Choose a folder other than the one that is read" });
  });

export type MailSettingsInput = z.infer<typeof mailSettingsFormSchema>;
