import type { MessageKey } from "~/locales/en";
import { translate, type Locale } from "~/utils/i18n";
import type { Issue } from "./rows";

/** A row issue in the reader's language: the column as headed in the file, then the reason. */
export function issueText(issue: Issue, locale: Locale): string {
  const column = issue.column ?? (issue.field ? translate(locale, `imports.field.${issue.field}` as MessageKey) : "");
  return translate(locale, `imports.issue.${issue.code}` as MessageKey, { column });
}
