import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { orders, prepaidCredits, users } from "#db/schema";
import { markOrderPaid } from "~/modules/billing/orders.server";
import { refundOrder } from "~/modules/billing/fulfilment.server";
import { setContract } from "~/modules/time-tracking/contracts.server";
import { prepaidBalance } from "~/modules/time-tracking/counters.server";
import { createPrepaidHoursOrder, getPrepaidPackages } from "~/modules/time-tracking/purchase.server";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { createCustomerOrganisation, createUser } from "../factories/time";

async function buyer() {
  const { org, customer } = await createCustomerOrganisation();
  const [row] = await db.select().from(users).where(eq(users.id, customer.id));
  return { org, customer: { ...customer, email: row!.email, name: row!.name, locale: row!.locale } };
}

describe("buying prepaid hours", () => {
  it("offers 5, 10 and 20 hours at the contract rate and credits them once when staff mark the invoice paid", async () => {
    const { org, customer } = await buyer();
    const admin = await createUser("admin");
    await setContract(admin, org.id, { hourlyRateMinor: 250_000, currency: "RUB" });
    const offer = await getPrepaidPackages(customer);
    expect(offer.packages.map((p) => [p.hours, p.amountMinor])).toEqual([
      [5, 1_250_000],
      [10, 2_500_000],
      [20, 5_000_000],
    ]);

    const order = await createPrepaidHoursOrder(customer, { hours: 10, method: "invoice" });
    expect(order).toMatchObject({ kind: "prepaid_hours", status: "pending", hours: 10, amountMinor: 2_500_000, currency: "RUB", organisationId: org.id });
    expect((await getPrepaidPackages(customer)).pending.map((o) => o.id)).toEqual([order.id]);
    expect(await prepaidBalance(db, org.id)).toBe(0);

    const paid = await markOrderPaid(admin, order.id);
    expect(paid.fulfilled).toBe(true);
    expect(await prepaidBalance(db, org.id)).toBe(600);
    const again = await markOrderPaid(admin, order.id).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(AppError);
    expect(await db.select().from(prepaidCredits).where(eq(prepaidCredits.orderId, order.id))).toHaveLength(1);

    // A refund takes the minutes back.
    const [row] = await db.select().from(orders).where(eq(orders.id, order.id));
    await db.transaction((tx) => refundOrder(tx, row!, new Date(), "test"));
    expect(await prepaidBalance(db, org.id)).toBe(0);
  });

  it("sells nothing when the contract has no hourly rate, and only to customers", async () => {
    const { org, customer } = await buyer();
    const admin = await createUser("admin");
    await setContract(admin, org.id, { hourlyRateMinor: 0 });
    expect((await getPrepaidPackages(customer)).packages).toEqual([]);
    const refused = await createPrepaidHoursOrder(customer, { hours: 5, method: "invoice" }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "invalid", message: "buy.notOnSale" });
    const engineer = await createUser("engineer");
    const staff = await getPrepaidPackages(engineer).catch((e: unknown) => e);
    expect(staff).toMatchObject({ code: "not_found" });
  });
});
