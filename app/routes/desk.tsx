import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { DeskShortcuts } from "~/components/keyboard";
import { HeaderSearchBox } from "~/components/knowledge/search-box";
import { requireStaff } from "~/modules/accounts/auth.server";

/** The staff desk: customers get a 404 for every page below it. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return null;
}

export default function DeskLayout() {
  return (
    <>
      <HeaderSearchBox action="/desk/search" placeholder="search.deskPlaceholder" />
      <Outlet />
      <DeskShortcuts />
    </>
  );
}
