import { eq } from "drizzle-orm";
import { tickets } from "#db/schema";
import { db, type Executor } from "~/utils/db.server";
import { memoRead, primeRead } from "~/utils/request-scope.server";

export type TicketRow = typeof tickets.$inferSelect;

/**
 * The ticket row by number or id. Outside a transaction it is read once per page view (the
 * workspace's panels each start from the ticket); inside one it is always read afresh.
 */
export function readTicketRow(executor: Executor, by: { number: number } | { id: string }): Promise<TicketRow | undefined> {
  const read = async () => {
    const [row] = await executor
      .select()
      .from(tickets)
      .where("id" in by ? eq(tickets.id, by.id) : eq(tickets.number, by.number))
      .limit(1);
    if (row) {
      primeRead(`ticket:id:${row.id}`, row);
      primeRead(`ticket:number:${row.number}`, row);
    }
    return row;
  };
  if (executor !== db) return read();
  return memoRead("id" in by ? `ticket:id:${by.id}` : `ticket:number:${by.number}`, read);
}
