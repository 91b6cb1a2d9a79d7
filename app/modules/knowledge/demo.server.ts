import { eq, inArray } from "drizzle-orm";
import { kbCategories, products, users } from "#db/schema";
import { db } from "~/utils/db.server";
import { saveArticleWithin } from "./articles.server";
import { DEMO_ARTICLES, DEMO_CATEGORIES } from "./demo-articles";

/** Demo categories and articles (English and Russian versions linked). Does nothing when categories exist. */
export async function seedKbDemo(now = new Date()): Promise<void> {
  const [existing] = await db.select({ id: kbCategories.id }).from(kbCategories).limit(1);
  if (existing) return;
  await db.transaction(async (tx) => {
    const categories = await tx
      .insert(kbCategories)
      .values(DEMO_CATEGORIES.map((c, position) => ({ ...c, position })))
      .returning({ id: kbCategories.id, slug: kbCategories.slug });
    const categoryId = new Map(categories.map((c) => [c.slug, c.id]));
    const productSlugs = [...new Set(DEMO_ARTICLES.flatMap((a) => a.products))];
    const productRows = productSlugs.length > 0 ? await tx.select({ id: products.id, slug: products.slug }).from(products).where(inArray(products.slug, productSlugs)) : [];
    const productId = new Map(productRows.map((p) => [p.slug, p.id]));
    const [author] = await tx.select({ id: users.id }).from(users).where(eq(users.role, "engineer")).limit(1);
    for (const [index, article] of DEMO_ARTICLES.entries()) {
      // Spread the dates so "latest" has an order.
      const at = new Date(now.getTime() - (DEMO_ARTICLES.length - index) * 3 * 86_400_000);
      let translationOf: string | null = null;
      for (const language of ["en", "ru"] as const) {
        const text = article[language];
        const saved = await saveArticleWithin(
          tx,
          author?.id ?? null,
          null,
          {
            title: text.title,
            slug: "",
            summary: text.summary,
            bodyMarkdown: text.body,
            language,
            categoryId: categoryId.get(article.category) ?? null,
            visibility: article.visibility,
            status: "published",
            productIds: article.products.flatMap((slug) => (productId.has(slug) ? [productId.get(slug)!] : [])),
            translationOf,
            sourceTicketId: null,
          },
          at,
        );
        translationOf = saved.id;
      }
    }
  });
}
