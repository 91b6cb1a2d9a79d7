import { useMemo, useRef, useState, type KeyboardEvent } from "react";
import { useI18n } from "~/components/i18n";

export type TagChip = { name: string; label: string; colour: string | null };

/** A ticket's tags as small labels (the colour as a left border, the text stays readable). */
export function TagChips({ tags }: { tags: TagChip[] | undefined }) {
  if (!tags || tags.length === 0) return null;
  return (
    <ul className="tag-chips" style={{ display: "inline-flex", flexWrap: "wrap", gap: 4, listStyle: "none", margin: 0, padding: 0 }}>
      {tags.map((tag) => (
        <li
          key={tag.name}
          className="tag-chip"
          style={{ border: "1px solid #767676", borderLeft: `4px solid ${tag.colour ?? "#767676"}`, borderRadius: 4, padding: "0 6px", fontSize: "0.85em" }}
        >
          {tag.label}
        </li>
      ))}
    </ul>
  );
}

export type PickerMacro = { id: string; title: string; body: string; setStatus: string | null; shared: boolean };

/**
 * The reply box's macro picker: a search field filtering a list of buttons. Arrow keys move
 * between the field and the buttons, Enter (or a click) inserts the rendered text into the
 * reply box for editing and remembers the macro in the form (its actions apply on send).
 */
export function MacroPicker({ formId, macros }: { formId: string; macros: PickerMacro[] }) {
  const { t } = useI18n();
  const [query, setQuery] = useState("");
  const [chosen, setChosen] = useState<PickerMacro | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (q ? macros.filter((m) => m.title.toLowerCase().includes(q) || m.body.toLowerCase().includes(q)) : macros).slice(0, 30);
  }, [macros, query]);

  function buttons(): HTMLButtonElement[] {
    return Array.from(listRef.current?.querySelectorAll("button") ?? []);
  }
  function move(event: KeyboardEvent, from: number) {
    const all = buttons();
    if (event.key === "ArrowDown") {
      event.preventDefault();
      all[Math.min(from + 1, all.length - 1)]?.focus();
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      if (from <= 0) document.getElementById(`${formId}-macro-search`)?.focus();
      else all[from - 1]?.focus();
    }
  }
  function insert(macro: PickerMacro) {
    const form = document.getElementById(formId) as HTMLFormElement | null;
    const body = form?.elements.namedItem("body") as HTMLTextAreaElement | null;
    if (body) {
      body.value = macro.body;
      body.dispatchEvent(new Event("input", { bubbles: true }));
    }
    const status = form?.elements.namedItem("status") as HTMLSelectElement | null;
    if (status && macro.setStatus && Array.from(status.options).some((o) => o.value === macro.setStatus)) status.value = macro.setStatus;
    setChosen(macro);
    body?.focus();
  }

  return (
    <div className="macro-picker">
      <input type="hidden" name="macroId" value={chosen?.id ?? ""} />
      <details>
        <summary>{t("macros.picker")}</summary>
        <label htmlFor={`${formId}-macro-search`}>{t("macros.pickerSearch")}</label>
        <input
          id={`${formId}-macro-search`}
          type="search"
          value={query}
          autoComplete="off"
          aria-describedby={`${formId}-macro-hint`}
          aria-controls={`${formId}-macro-list`}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              if (shown[0]) insert(shown[0]);
            } else move(e, -1);
          }}
        />
        <p className="hint" id={`${formId}-macro-hint`}>
          {t("macros.pickerHint")}
        </p>
        <p className="hint" role="status" aria-live="polite">
          {shown.length === 0 ? t("macros.pickerNone") : t("macros.pickerCount", { count: shown.length })}
        </p>
        <ul id={`${formId}-macro-list`} ref={listRef} style={{ listStyle: "none", padding: 0, maxHeight: 240, overflowY: "auto" }}>
          {shown.map((m, index) => (
            <li key={m.id}>
              <button type="button" className="secondary" onClick={() => insert(m)} onKeyDown={(e) => move(e, index)}>
                {m.title}
              </button>{" "}
              <span className="muted">{m.shared ? t("macros.shared") : t("macros.personal")}</span>
            </li>
          ))}
        </ul>
      </details>
      {chosen ? (
        <p role="status">
          {t("macros.inserted", { title: chosen.title })}{" "}
          <button type="button" className="secondary" onClick={() => setChosen(null)}>
            {t("macros.clear")}
          </button>
        </p>
      ) : null}
    </div>
  );
}
