/**
 * An article link added to the end of a reply draft, as Markdown: `[Title](https://…/kb/en/slug)`.
 * One rule for the ticket page's button with JavaScript (it edits the reply box in place) and
 * without (the server answers with the draft and the link appended). Pure.
 */
export function appendArticleLink(draft: string, title: string, url: string): string {
  const link = `[${title.replace(/[[\]\\]/g, (c) => `\\${c}`)}](${url.replace(/[()\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`)})`;
  const text = draft.replace(/\s+$/, "");
  return text ? `${text}\n\n${link}` : link;
}
