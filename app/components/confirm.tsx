import {
  useEffect,
  useId,
  useRef,
  useState,
  type ButtonHTMLAttributes,
  type ReactNode,
} from "react";
import { AppForm, SubmitButton } from "~/components/app-form";
import { useAppForm } from "~/components/form-context";
import { useI18n } from "~/components/i18n";

type Props = Omit<
  ButtonHTMLAttributes<HTMLButtonElement>,
  "type" | "onClick"
> & {
  /** The question, e.g. "Delete this time entry? This cannot be undone." */
  message: string;
  /** The action's name; the dialog's heading and its danger button say it (default: the button's own text). */
  action?: string;
  children: ReactNode;
};

/**
 * A submit button for a destructive action that first asks in a modal `<dialog>` (one component
 * for every such action). The dialog's heading and danger button are named by the action, Cancel
 * has the focus, Escape cancels, the rest of the page is inert while it is open (showModal), and
 * the focus returns to the button when it closes. Confirming submits the button's own form with
 * the button as submitter, so its name/value and any fetcher form work as before.
 *
 * Without JavaScript the button is a plain submit: the action runs without the question (the
 * server still checks everything it checks).
 */
export function ConfirmButton({
  message,
  action,
  children,
  className,
  ...button
}: Props) {
  const { t } = useI18n();
  const form = useAppForm();
  const trigger = useRef<HTMLButtonElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const id = useId();
  // The question is in the page only while it is asked (a closed dialog's words would otherwise
  // be part of the row or card around the button).
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (open && dialog.current && !dialog.current.open) {
      dialog.current.showModal();
      cancel.current?.focus();
    }
  }, [open]);
  const name = action ?? (typeof children === "string" ? children : "");
  return (
    <>
      <button
        {...button}
        disabled={button.disabled || form?.pending}
        ref={trigger}
        type="submit"
        className={className ?? "danger"}
        onClick={(event) => {
          if (!dialog.current || typeof dialog.current.showModal !== "function")
            return;
          event.preventDefault();
          setOpen(true);
        }}
      >
        {children}
      </button>
      <dialog
        ref={dialog}
        className="confirm-dialog"
        aria-labelledby={open ? `${id}-title` : undefined}
        aria-describedby={open ? `${id}-message` : undefined}
        onClose={() => {
          setOpen(false);
          trigger.current?.focus();
        }}
      >
        {open ? (
          <>
            <h2 id={`${id}-title`}>{name}</h2>
            <p id={`${id}-message`}>{message}</p>
            <div className="confirm-actions">
              <button
                type="button"
                className="secondary"
                ref={cancel}
                onClick={() => dialog.current?.close()}
              >
                {t("confirm.cancel")}
              </button>
              <button
                type="button"
                className="danger"
                onClick={() => {
                  dialog.current?.close();
                  const form = trigger.current?.form;
                  if (form && trigger.current)
                    form.requestSubmit(trigger.current);
                }}
              >
                {name}
              </button>
            </div>
          </>
        ) : null}
      </dialog>
    </>
  );
}

/**
 * Deactivate (after a confirmation) or reactivate a login: the one form the users page and the
 * customer's team page both show beside a person (intent `deactivate` / `reactivate`, `userId`).
 */
export function ActiveToggle({ userId, deactivated }: { userId: string; deactivated: boolean }) {
  const { t } = useI18n();
  return (
    <AppForm method="post" className="inline">
      <input type="hidden" name="userId" value={userId} />
      {deactivated ? (
        <SubmitButton name="intent" value="reactivate" className="secondary">
          {t("common.reactivate")}
        </SubmitButton>
      ) : (
        <ConfirmButton name="intent" value="deactivate" className="secondary" message={t("common.confirmDeactivate")}>
          {t("common.deactivate")}
        </ConfirmButton>
      )}
    </AppForm>
  );
}
