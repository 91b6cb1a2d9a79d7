import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { destroySession } from "~/modules/accounts/auth.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  return redirect("/login", { headers: { "Set-Cookie": await destroySession(request) } });
}
