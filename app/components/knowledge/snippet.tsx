import { snippetParts } from "~/modules/knowledge/search-query";

/** A search snippet with the matched words marked; the text is never treated as HTML. */
export function Snippet({ text, className }: { text: string; className?: string }) {
  if (!text) return null;
  return (
    <p className={className}>
      {snippetParts(text).map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
    </p>
  );
}
