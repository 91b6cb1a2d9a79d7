import { data, type TypedResponse } from "@remix-run/node";
import { AppError, handleAppError, notFound } from "~/utils/errors.server";
import { parseForm } from "~/utils/forms";
import type { FieldErrors } from "~/utils/messages";
import type { Actor } from "../accounts/permissions";
import { setTicketStatus } from "./conversation.server";
import { addCc, removeCc } from "./participants.server";
import { statusSchema } from "./schemas";
import type { TicketFormResult } from "./ticket-forms";
import { parseUploadForm, type RejectedUpload, type Upload } from "./uploads.server";

/**
 * The action shared by the desk's and the portal's ticket pages (both post every form of the page,
 * attachments included, to the page itself): the ticket number from the address, the form, one
 * handler per `intent`, and the answer every form of the page reads.
 */

type Answer<R> = ReturnType<typeof data<R>>;

export type TicketIntentContext<R extends TicketFormResult> = {
  number: number;
  formData: FormData;
  uploads: Upload[];
  rejected: RejectedUpload[];
  /** Everything typed (strings), minus the omitted fields. */
  values: Record<string, string>;
  /** The answer: `ok` below status 400, where the typed values are also dropped. */
  answer: (result: Partial<R>, status?: number) => Answer<R>;
};

export type TicketIntentHandler<R extends TicketFormResult> = (context: TicketIntentContext<R>) => Promise<Answer<R> | TypedResponse<never>>;

/** The ticket number of a page's address; anything else is not a ticket. */
export function ticketNumberParam(value: string | undefined): number {
  if (!value || !/^\d{1,9}$/.test(value)) notFound();
  return Number(value);
}

export async function runTicketAction<R extends TicketFormResult>(
  request: Request,
  numberParam: string | undefined,
  options: {
    handlers: Record<string, TicketIntentHandler<R>>;
    /** The handler of a form that is told apart by its fields rather than its `intent`, if this is one. */
    byFields?: (formData: FormData) => TicketIntentHandler<R> | null;
    /** Fields never sent back to the page (a re-confirmation secret). */
    omit?: string[];
    /** The status of a conflict (the desk says 409; the portal has always said 400). */
    conflictStatus: 400 | 409;
    /** The page's own errors, before the shared ones. */
    recover?: (error: unknown, answer: TicketIntentContext<R>["answer"]) => Answer<R> | null;
  },
): Promise<Answer<R> | TypedResponse<never>> {
  const number = ticketNumberParam(numberParam);
  const { formData, uploads, rejected } = await parseUploadForm(request);
  const intent = String(formData.get("intent") ?? "");
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) if (typeof value === "string" && !options.omit?.includes(key)) values[key] = value;
  const answer = (result: Partial<R>, status = 200) => {
    const defaults: TicketFormResult = { ok: status < 400, intent, formError: "", fieldErrors: {}, values: status < 400 ? {} : values, rejectedFiles: [] };
    // The page's own fields are optional, so the defaults and what the handler said make a whole R.
    return data<R>({ ...defaults, ...result } as unknown as R, { status, headers: { "Cache-Control": "no-store" } });
  };
  try {
    const handler = options.byFields?.(formData) ?? (Object.hasOwn(options.handlers, intent) ? options.handlers[intent] : undefined);
    if (!handler) throw new Response("Bad request", { status: 400 });
    return await handler({ number, formData, uploads, rejected, values, answer });
  } catch (error) {
    const own = options.recover?.(error, answer);
    if (own) return own;
    if (error instanceof AppError && (error.code === "invalid" || error.code === "conflict")) {
      return answer({ formError: error.userMessage, fieldErrors: error.fieldErrors ?? {} } as Partial<R>, error.code === "conflict" ? options.conflictStatus : 400);
    }
    handleAppError(error); // not found / forbidden become responses; anything else is a bug
    throw error;
  }
}

type AnswerOf<R extends TicketFormResult> = TicketIntentContext<R>["answer"];

/** A form whose use case has nothing to say back but "done". */
export async function answerDone<R extends TicketFormResult>(answer: AnswerOf<R>, work: Promise<unknown>): Promise<Answer<R>> {
  await work;
  return answer({});
}

/** A form checked with its module's schema: the field errors, or the use case run with what was parsed. */
export async function answerParsed<T, R extends TicketFormResult>(
  answer: AnswerOf<R>,
  parsed: { ok: true; data: T } | { ok: false; fieldErrors: FieldErrors },
  work: (input: T) => Promise<unknown>,
): Promise<Answer<R>> {
  if (!parsed.ok) return answer({ fieldErrors: parsed.fieldErrors } as Partial<R>, 400);
  return answerDone(answer, work(parsed.data));
}

/** The forms both pages have: add or remove a CC, and change the status. */
export function sharedTicketIntents<R extends TicketFormResult>(user: Actor): Record<"cc-add" | "cc-remove" | "status", TicketIntentHandler<R>> {
  return {
    "cc-add": ({ number, formData, answer }) => answerDone(answer, addCc(user, number, String(formData.get("contactId") ?? ""))),
    "cc-remove": ({ number, formData, answer }) => answerDone(answer, removeCc(user, number, String(formData.get("contactId") ?? ""))),
    status: ({ number, formData, answer }) => answerParsed(answer, parseForm(statusSchema, formData), (input) => setTicketStatus(user, number, input.status)),
  };
}
