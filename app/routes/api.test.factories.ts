import type { ActionFunctionArgs } from "@remix-run/node";
import { runTestFactory, testFactoriesAuthorised } from "~/modules/testing/factories.server";

/**
 * POST /api/test/factories — test data for the end-to-end specs (ADR 058), JSON in and out, with
 * `Authorization: Bearer $KEYDESK_TEST_FACTORIES_TOKEN`. Without the variable (always in
 * production) or with another token the address answers 404, as an unknown one does.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (!testFactoriesAuthorised(request.headers.get("Authorization"))) throw new Response("Not found", { status: 404 });
  // A body that cannot be read is bad JSON, like any other.
  const answer = await runTestFactory(await request.text().catch(() => ""));
  return Response.json(answer.body, { status: answer.status });
}

export function loader() {
  throw new Response("Not found", { status: 404 });
}
