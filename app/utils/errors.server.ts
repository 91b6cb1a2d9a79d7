import { data } from "@remix-run/node";
import { messageKeyOf, type FieldErrors, type UserMessage } from "~/utils/messages";

export type { FieldErrors };

export type AppErrorCode = "not_found" | "forbidden" | "invalid" | "conflict" | "rate_limited";

/**
 * The one error type use cases throw. Routes turn it into a response with `handleAppError`,
 * so a rule broken deep inside a use case reaches the user as a 4xx. It carries a catalogue
 * key with parameters (`AppError.invalid({ key: "complaint.error.noteTooShort", params: { min: 10 } })`),
 * never a sentence: the page puts it in the reader's language.
 */
export class AppError extends Error {
  readonly userMessage: UserMessage | string;

  constructor(
    readonly code: AppErrorCode,
    message: UserMessage | string,
    readonly fieldErrors?: FieldErrors,
    readonly retryAfterSeconds?: number,
  ) {
    super(messageKeyOf(message));
    this.name = "AppError";
    this.userMessage = message;
  }

  static notFound(message: UserMessage | string = "error.404.title") {
    return new AppError("not_found", message);
  }
  static forbidden(message: UserMessage | string = "error.403.title") {
    return new AppError("forbidden", message);
  }
  static invalid(message: UserMessage | string, fieldErrors?: FieldErrors) {
    return new AppError("invalid", message, fieldErrors);
  }
  static conflict(message: UserMessage | string, fieldErrors?: FieldErrors) {
    return new AppError("conflict", message, fieldErrors);
  }
}

const STATUS: Record<AppErrorCode, number> = {
  not_found: 404,
  forbidden: 403,
  invalid: 400,
  conflict: 409,
  rate_limited: 429,
};

export function statusOf(error: AppError): number {
  return STATUS[error.code];
}

/** What an action returns on failure: the message, field errors and what the user typed. */
export type ActionFailure = {
  ok: false;
  formError: UserMessage | string;
  fieldErrors: FieldErrors;
  values?: Record<string, string>;
};

/**
 * Converts a thrown AppError into a response. Not-found and forbidden become thrown responses
 * (the error boundary renders them); invalid and conflict become action data that the form
 * shows beside what the user typed.
 */
export function handleAppError(error: unknown, values?: Record<string, string>) {
  if (!(error instanceof AppError)) throw error;
  if (error.code === "not_found" || error.code === "forbidden") {
    throw new Response(error.message, { status: statusOf(error) });
  }
  const headers: HeadersInit = error.retryAfterSeconds ? { "Retry-After": String(error.retryAfterSeconds) } : {};
  return data<ActionFailure>(
    { ok: false, formError: error.userMessage, fieldErrors: error.fieldErrors ?? {}, values },
    { status: statusOf(error), headers },
  );
}

export function notFound(): never {
  throw new Response("Not found", { status: 404 });
}
