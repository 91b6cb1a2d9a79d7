import { useNavigate } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useI18n } from "~/components/i18n";
import type { MessageKey } from "~/locales/en";

/**
 * Desk keyboard shortcuts (issue 18), listed behind `?`. Pages opt in by marking elements:
 * `data-kbd-row` on queue rows (j/k move, o opens), `data-kbd="assign-me"` on the claim button;
 * the reply form is the one with `data-kbd="reply"`. Nothing fires while the user types in a
 * field or holds a modifier key.
 */
export const SHORTCUTS = [
  ["j / k", "kbd.rows"],
  ["o", "kbd.open"],
  ["r", "kbd.reply"],
  ["n", "kbd.note"],
  ["a", "kbd.assign"],
  ["s", "kbd.status"],
  ["/", "kbd.search"],
  ["g q", "kbd.queue"],
  ["?", "kbd.help"],
] as const satisfies ReadonlyArray<readonly [string, MessageKey]>;

function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

export function DeskShortcuts() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const dialog = useRef<HTMLDialogElement>(null);
  const pendingG = useRef(0);
  const [, setCurrent] = useState(-1);

  useEffect(() => {
    const rows = () => [...document.querySelectorAll<HTMLElement>("[data-kbd-row]")];
    const replyForm = () => document.querySelector<HTMLFormElement>("form[data-kbd='reply']");
    const moveRow = (step: number) => {
      const all = rows();
      if (all.length === 0) return;
      const focused = all.findIndex((row) => row.contains(document.activeElement));
      const next = Math.min(all.length - 1, Math.max(0, focused === -1 ? (step > 0 ? 0 : all.length - 1) : focused + step));
      all.forEach((row, i) => row.classList.toggle("kbd-current", i === next));
      all[next]!.querySelector<HTMLElement>("a[href]")?.focus();
      setCurrent(next);
    };
    const focusReply = (visibility: "public" | "internal") => {
      const form = replyForm();
      if (!form) return;
      const radio = form.querySelector<HTMLInputElement>(`input[name='visibility'][value='${visibility}']`);
      if (radio && !radio.disabled) radio.checked = true;
      form.querySelector<HTMLTextAreaElement>("textarea[name='body']")?.focus();
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
      if (dialog.current?.open) return;
      const key = event.key;
      if (pendingG.current > Date.now() && key === "q") {
        pendingG.current = 0;
        event.preventDefault();
        navigate("/desk/tickets");
        return;
      }
      pendingG.current = 0;
      const act: Record<string, () => void> = {
        j: () => moveRow(1),
        k: () => moveRow(-1),
        o: () => rows().find((row) => row.contains(document.activeElement) || row.classList.contains("kbd-current"))?.querySelector<HTMLElement>("a[href]")?.click(),
        r: () => focusReply("public"),
        n: () => focusReply("internal"),
        a: () => document.querySelector<HTMLButtonElement>("[data-kbd='assign-me']")?.click(),
        s: () => replyForm()?.querySelector<HTMLSelectElement>("select[name='status']")?.focus(),
        "/": () => document.querySelector<HTMLInputElement>("#header-search")?.focus(),
        g: () => {
          pendingG.current = Date.now() + 1500;
        },
        "?": () => dialog.current?.showModal(),
      };
      const action = act[key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [navigate]);

  return (
    <>
      <p className="kbd-hint">
        <button type="button" className="link" aria-keyshortcuts="?" onClick={() => dialog.current?.showModal()}>
          {t("kbd.title")} (?)
        </button>
      </p>
    <dialog ref={dialog} className="card kbd-help" aria-labelledby="kbd-help-title">
      <h2 id="kbd-help-title">{t("kbd.title")}</h2>
      <table>
        <tbody>
          {SHORTCUTS.map(([keys, label]) => (
            <tr key={keys}>
              <th scope="row">
                <kbd>{keys}</kbd>
              </th>
              <td>{t(label)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog">
        <button type="submit">{t("kbd.close")}</button>
      </form>
    </dialog>
    </>
  );
}

/**
 * Keeps what is typed in a form's `body` field in this browser per key (a ticket), so a reload
 * or a crash loses nothing; cleared when `sent` changes (the reply went out).
 */
export function DraftKeeper({ formId, storageKey, sent }: { formId: string; storageKey: string; sent: number }) {
  const lastSent = useRef(sent);
  useEffect(() => {
    const field = document.querySelector<HTMLTextAreaElement>(`#${CSS.escape(formId)} textarea[name='body']`);
    if (!field) return;
    try {
      if (sent !== lastSent.current) {
        lastSent.current = sent;
        localStorage.removeItem(storageKey);
      } else if (!field.value) {
        const saved = localStorage.getItem(storageKey);
        if (saved) field.value = saved;
      }
    } catch {
      // No storage in this browser: nothing to restore.
    }
    const save = () => {
      try {
        if (field.value) localStorage.setItem(storageKey, field.value);
        else localStorage.removeItem(storageKey);
      } catch {
        // Storage full or refused (private windows): the draft is simply not kept.
      }
    };
    field.addEventListener("input", save);
    return () => field.removeEventListener("input", save);
  }, [formId, storageKey, sent]);
  return null;
}
