import { currentDatabase, toNumber } from "~/utils/db.server";
import type { ReportFilters } from "./filters";

/**
 * Raw read-only SQL for the reports (grouping sets and ordered-set aggregates that the query
 * builder does not express). Parameters are numbered placeholders; rows are normalised so both
 * drivers (PGlite, postgres.js) give the same shapes: counts cast to int in SQL, dates to text.
 */
export class Params {
  values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export async function rows<T>(text: string, params: Params, options: { analytic?: boolean } = {}): Promise<T[]> {
  const database = currentDatabase();
  // A period-wide aggregate: JIT off and room to sort (see DatabaseHandle.analyticQuery).
  return options.analytic ? database.analyticQuery<T>(text, params.values) : database.query<T>(text, params.values);
}

export const num = (value: unknown): number => toNumber(value);
export const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : toNumber(value));

/** `and …` conditions on a tickets alias for the product / organisation / engineer filters. */
export function ticketFilterSql(alias: string, filters: ReportFilters, params: Params, use: { product?: boolean; organisation?: boolean; engineer?: boolean } = { product: true, organisation: true, engineer: true }): string {
  const parts: string[] = [];
  if (use.product && filters.productId) parts.push(`${alias}.product_id = ${params.add(filters.productId)}::uuid`);
  if (use.organisation && filters.organisationId) parts.push(`${alias}.organisation_id = ${params.add(filters.organisationId)}::uuid`);
  if (use.engineer && filters.engineerId) parts.push(`${alias}.assignee_id = ${params.add(filters.engineerId)}::uuid`);
  return parts.map((p) => ` and ${p}`).join("");
}

/** SQL expression: the local date (week Monday / month first day) of a timestamp, as text. */
export function bucketSql(column: string, filters: ReportFilters, params: Params, grouping = filters.groupBy): string {
  const zone = params.add(filters.timeZone);
  return `to_char(date_trunc('${grouping}', ${column} at time zone ${zone}::text), 'YYYY-MM-DD')`;
}
