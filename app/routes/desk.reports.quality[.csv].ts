import { redirect, type LoaderFunctionArgs } from "@remix-run/node";

/** The old CSV address: the report's own URL answers with `?format=csv` now (kept for bookmarks). */
export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  params.set("format", "csv");
  return redirect(`/desk/reports/quality?${params.toString()}`, 301);
}
