import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";

/**
 * Article bodies are Markdown. markdown-it renders them with raw HTML turned off (a `<script>`
 * typed into an article shows as text), and sanitize-html then keeps only an allow-list of
 * tags, attributes and link schemes — a second wall in case a renderer rule ever lets
 * something through (ADR 120). Images may only come from this site (uploaded attachments)
 * or https addresses.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

const ALLOWED_TAGS = [
  "h2", "h3", "h4", "p", "br", "hr", "strong", "em", "s", "code", "pre", "blockquote",
  "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td",
];

export function renderArticleMarkdown(source: string): string {
  const html = markdown.render(source);
  return sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: { a: ["href", "title", "rel"], img: ["src", "alt", "title"], th: ["style"], td: ["style"], ol: ["start"] },
    allowedStyles: { th: { "text-align": [/^(left|right|center)$/] }, td: { "text-align": [/^(left|right|center)$/] } },
    allowedSchemes: ["https", "http", "mailto"],
    allowedSchemesByTag: { img: ["https"] },
    allowProtocolRelative: false,
    // A top-level heading belongs to the page title; article headings start at level 2.
    transformTags: { h1: "h2", a: sanitizeHtml.simpleTransform("a", { rel: "nofollow noopener" }) },
    allowedClasses: {},
  });
}

/** Plain text of Markdown for descriptions and snippets (no markup, collapsed spaces). */
export function markdownToText(source: string): string {
  return sanitizeHtml(markdown.render(source), { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}
