import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { suggestArticlesForDraft } from "~/modules/knowledge/deflection.server";
import { requireCustomer } from "~/modules/accounts/auth.server";
import { AppError } from "~/utils/errors.server";

const querySchema = z.object({ draft: z.uuid(), q: z.string().max(4000).catch("") });

/**
 * Articles beside the new-ticket form while the customer types (the page calls this from the
 * browser; without JavaScript the form's "check these articles first" button does the same).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCustomer(request);
  const parsed = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  const headers = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" };
  // Suggestions are a help beside the form, never a reason for it to fail: the page's fetcher
  // would turn any error answer into the error page, so every refusal is an empty list.
  const none = () => new Response(JSON.stringify({ articles: [] }), { status: 200, headers });
  if (!parsed.success) return none();
  try {
    const hits = await suggestArticlesForDraft(user, parsed.data.draft, parsed.data.q, user.locale);
    const articles = hits.map((h) => ({ title: h.title, summary: h.summary, href: `/kb/${h.language}/${h.slug}?draft=${parsed.data.draft}` }));
    return new Response(JSON.stringify({ articles }), { status: 200, headers });
  } catch (error) {
    if (error instanceof AppError) return none();
    throw error;
  }
}
