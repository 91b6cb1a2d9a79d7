import { pageTitle } from "~/utils/i18n";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { SetPasswordPage } from "~/components/set-password-page";
import { loadSetPassword, submitSetPassword } from "~/modules/accounts/set-password.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.chooseANewPassword") }];
export const loader = ({ request, params }: LoaderFunctionArgs) => loadSetPassword(request, params.token);
export const action = ({ request, params }: ActionFunctionArgs) => submitSetPassword(request, params.token);
export default SetPasswordPage;
