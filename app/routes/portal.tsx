import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { requireCustomer } from "~/utils/auth.server";

/** The customer portal: every child route is for customer contacts only. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireCustomer(request);
  return null;
}

export default function PortalLayout() {
  return <Outlet />;
}
