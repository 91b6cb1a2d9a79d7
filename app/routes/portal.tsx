import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { HeaderSearchBox } from "~/components/knowledge/search-box";
import { requireCustomer } from "~/modules/accounts/auth.server";

/** The customer portal: every child route is for customer contacts only. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireCustomer(request);
  return null;
}

export default function PortalLayout() {
  return (
    <>
      <HeaderSearchBox action="/portal/search" placeholder="search.portalPlaceholder" />
      <Outlet />
    </>
  );
}
