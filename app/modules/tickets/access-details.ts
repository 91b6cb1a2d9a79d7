/** The access details a customer can leave on a ticket (kept encrypted: see vault.server.ts). Pure. */
import { checkInput, fieldErrorsOf } from "~/utils/forms";
import type { FieldErrors } from "~/utils/messages";
import { z } from "zod";

export const accessDetailsSchema = z.object({
  siteAdminUrl: z.string().trim().max(500).default(""),
  siteAdminLogin: z.string().trim().max(200).default(""),
  siteAdminPassword: z.string().max(200).default(""),
  serverAddress: z.string().trim().max(300).default(""),
  serverProtocol: z.enum(["", "ftp", "sftp", "ssh"]).default(""),
  serverLogin: z.string().trim().max(200).default(""),
  serverPassword: z.string().max(200).default(""),
  notes: z.string().trim().max(2000).default(""),
});

export type AccessDetails = z.infer<typeof accessDetailsSchema>;

export const ACCESS_DETAIL_FIELDS = Object.keys(accessDetailsSchema.shape) as Array<keyof AccessDetails>;

/**
 * The access details as a form posts them (`access.siteAdminUrl` …): the same checks as
 * `parseAccessDetailsForm`, under the form's field names, for the browser's check of a form.
 */
export const accessDetailsFormSchema = z.object(Object.fromEntries(ACCESS_DETAIL_FIELDS.map((f) => [`access.${f}`, accessDetailsSchema.shape[f]])));

/** True when the customer typed nothing into any access field (nothing to store). */
export function isEmptyAccessDetails(details: AccessDetails): boolean {
  return ACCESS_DETAIL_FIELDS.every((field) => details[field] === "");
}


/**
 * The access-detail fields of a form (`access.siteAdminUrl` …), checked: the details, or the
 * field errors under the form's field names.
 */
export function parseAccessDetailsForm(formData: FormData): { ok: true; data: AccessDetails } | { ok: false; fieldErrors: FieldErrors } {
  const access = checkInput(accessDetailsSchema, Object.fromEntries(ACCESS_DETAIL_FIELDS.map((f) => [f, String(formData.get(`access.${f}`) ?? "")])));
  if (access.success) return { ok: true, data: access.data };
  return { ok: false, fieldErrors: fieldErrorsOf(access.error.issues, (issue) => `access.${String(issue.path[0])}`) };
}
