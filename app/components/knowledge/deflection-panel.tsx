import { Link } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useI18n } from "~/components/i18n";

export type Suggestion = { title: string; summary: string; href: string };

/**
 * Up to five articles beside the new-ticket form. With JavaScript they follow what the customer
 * types (subject and description); without it the form's "check these articles first" button
 * posts the text and the page comes back with `initial`.
 */
export function DeflectionPanel({ formId, draftId, initial }: { formId: string; draftId: string; initial: Suggestion[] | null }) {
  const { t } = useI18n();
  // A plain fetch, not a Remix fetcher: a failed suggestion must never replace the form the
  // customer is typing into with an error page (a fetcher's error goes to the route's boundary).
  const [found, setFound] = useState<Suggestion[] | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastQuery = useRef("");

  useEffect(() => {
    const form = document.getElementById(formId) as HTMLFormElement | null;
    if (!form) return;
    const onInput = (event: Event) => {
      const target = event.target as HTMLInputElement | HTMLTextAreaElement;
      if (target.name !== "subject" && target.name !== "description") return;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        const q = `${(form.elements.namedItem("subject") as HTMLInputElement | null)?.value ?? ""} ${(form.elements.namedItem("description") as HTMLTextAreaElement | null)?.value ?? ""}`.trim();
        if (q.length < 3 || q === lastQuery.current) return;
        lastQuery.current = q;
        fetch(`/portal/kb/suggest?${new URLSearchParams({ draft: draftId, q: q.slice(0, 2000) })}`, { headers: { Accept: "application/json" } })
          .then((response) => (response.ok ? (response.json() as Promise<{ articles: Suggestion[] }>) : null))
          .then((body) => {
            if (body && lastQuery.current === q) setFound(body.articles);
          })
          .catch(() => undefined);
      }, 400);
    };
    form.addEventListener("input", onInput);
    return () => {
      form.removeEventListener("input", onInput);
      if (timer.current) clearTimeout(timer.current);
    };
  }, [formId, draftId]);

  const articles = found ?? initial ?? [];
  return (
    <aside className="kb-suggestions" aria-labelledby="kb-suggestions-title" aria-live="polite">
      <h3 id="kb-suggestions-title">{t("deflection.title")}</h3>
      {articles.length === 0 ? (
        <p className="hint">{initial ? t("deflection.none") : t("deflection.hint")}</p>
      ) : (
        <ul className="kb-results">
          {articles.map((a) => (
            <li key={a.href}>
              <Link to={a.href}>{a.title}</Link>
              <p className="kb-snippet">{a.summary}</p>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
