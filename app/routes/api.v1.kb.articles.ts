import type { LoaderFunctionArgs } from "@remix-run/node";
import { kbApiResponse } from "~/modules/knowledge/api-response.server";
import { kbApiArticles } from "~/modules/knowledge/public-api.server";
import { kbSearchParamsSchema } from "~/modules/knowledge/schemas";

/** GET /api/v1/kb/articles?lang= → { articles: [{ title, url, updatedAt }] } of public articles, latest first. */
export async function loader({ request }: LoaderFunctionArgs) {
  return kbApiResponse(request, () => kbApiArticles({ lang: kbSearchParamsSchema.parse(Object.fromEntries(new URL(request.url).searchParams)).lang }));
}
