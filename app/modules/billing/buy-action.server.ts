import { data, redirect } from "@remix-run/node";
import { startCheckout } from "./stripe.server";
import { handleAppError, type FieldErrors } from "~/utils/errors.server";
import type { ParsedForm } from "~/utils/forms";

/**
 * The action of a portal "buy" form: with valid input, create the order and continue where
 * billing takes payment — Stripe Checkout for a card, the order (invoice) page otherwise; with
 * invalid input or a refused order, answer with the errors and the input kept.
 */
export async function orderThenPay<T extends { method: "card" | "invoice" }>(parsed: ParsedForm<T>, createOrder: (input: T) => Promise<{ id: string }>) {
  if (!parsed.ok) {
    return data({ ok: false as const, formError: "", fieldErrors: parsed.fieldErrors as FieldErrors, values: parsed.values }, { status: 400 });
  }
  try {
    const order = await createOrder(parsed.data);
    return redirect(parsed.data.method === "card" ? await startCheckout(order.id) : `/orders/${order.id}`);
  } catch (error) {
    return handleAppError(error, parsed.values);
  }
}
