import type { LoaderFunctionArgs } from "@remix-run/node";
import { kbApiResponse } from "~/modules/knowledge/api-response.server";
import { kbApiSearch } from "~/modules/knowledge/public-api.server";
import { kbSearchParamsSchema } from "~/modules/knowledge/schemas";

/** GET /api/v1/kb/search?q=&lang=&product= → { results: [{ title, url, snippet, updatedAt }] } of public articles. */
export async function loader({ request }: LoaderFunctionArgs) {
  return kbApiResponse(request, () => {
    const params = kbSearchParamsSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    return kbApiSearch({ q: params.q, lang: params.lang, product: params.product });
  });
}
