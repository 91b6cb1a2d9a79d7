import { getEnv } from "~/utils/env.server";
import type { QuotaDecision } from "../security/throttle";
import { takeQuota } from "../security/throttle.server";
import { searchArticles } from "./articles.server";
import type { KbLanguage } from "./schemas";
import { plainSnippet } from "./search-query";

/**
 * The knowledge-base API for the vendor's modules (help inside their own admin panels): public
 * articles only, whoever asks. Limited per client address like the Licence API — the same
 * `API_RATE_LIMIT_PER_MINUTE`, counted in the database so every instance shares it, in a bucket
 * of its own — and answers are cached in memory for a minute (and may be cached by clients).
 */

export const KB_API_CACHE_SECONDS = 60;
const CACHE_LIMIT = 500;
const cache = new Map<string, { at: number; body: unknown }>();

export async function checkKbApiRateLimit(clientAddress: string, now = new Date()): Promise<QuotaDecision | null> {
  const limit = getEnv().API_RATE_LIMIT_PER_MINUTE;
  if (limit === 0) return null;
  return takeQuota(`api:kb:ip:${clientAddress}`, limit, 60, now);
}

async function cached<T>(key: string, now: number, compute: () => Promise<T>): Promise<T> {
  const hit = cache.get(key);
  if (hit && now - hit.at < KB_API_CACHE_SECONDS * 1000) return hit.body as T;
  const body = await compute();
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, { at: now, body });
  return body;
}

/** Tests and article saves start from fresh answers. */
export function clearKbApiCache(): void {
  cache.clear();
}

export type KbApiResult = { title: string; url: string; snippet: string; updatedAt: string };

export function articleUrl(appUrl: string, language: KbLanguage, slug: string): string {
  return `${appUrl.replace(/\/$/, "")}/kb/${language}/${slug}`;
}

export async function kbApiSearch(input: { q: string; lang?: KbLanguage; product?: string }, now = Date.now()): Promise<{ results: KbApiResult[] }> {
  const appUrl = getEnv().APP_URL;
  return cached(`search\u0000${input.q}\u0000${input.lang ?? ""}\u0000${input.product ?? ""}`, now, async () => {
    if (!input.q.trim()) return { results: [] };
    const hits = await searchArticles({ kind: "anonymous" }, { q: input.q, language: input.lang, productSlug: input.product, limit: 10 });
    return {
      results: hits.map((h) => ({ title: h.title, url: articleUrl(appUrl, h.language, h.slug), snippet: plainSnippet(h.snippet), updatedAt: h.updatedAt.toISOString() })),
    };
  });
}

export async function kbApiArticles(input: { lang?: KbLanguage }, now = Date.now()): Promise<{ articles: Array<Omit<KbApiResult, "snippet">> }> {
  const appUrl = getEnv().APP_URL;
  return cached(`articles\u0000${input.lang ?? ""}`, now, async () => {
    const hits = await searchArticles({ kind: "anonymous" }, { language: input.lang, limit: 100 });
    return { articles: hits.map((h) => ({ title: h.title, url: articleUrl(appUrl, h.language, h.slug), updatedAt: h.updatedAt.toISOString() })) };
  });
}
