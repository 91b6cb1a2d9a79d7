import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { requirePermission } from "~/modules/accounts/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:settings:any");
  return null;
}

export default function AdminLayout() {
  return <Outlet />;
}
