import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { releases } from "#db/schema";
import { createProduct, updateProduct } from "~/modules/licensing/products.server";
import { parseReleaseUpload } from "~/modules/licensing/release-upload.server";
import { productFormSchema } from "~/modules/licensing/schemas";
import { action as productAction } from "~/routes/admin.products.$productId";
import { loader as downloadLoader } from "~/routes/portal.licences.$licenceId_.releases.$releaseId.download";
import { createSession } from "~/modules/accounts/auth.server";
import { db } from "~/utils/db.server";
import { createUser } from "../factories/accounts";
import { createLicence } from "../factories/licensing";

async function cookieFor(userId: string) {
  const setCookie = await createSession(userId, new Request("http://keydesk.test/"));
  return setCookie.split(";")[0]!;
}

function releaseForm(fields: Record<string, string>, file?: { name: string; bytes: Uint8Array }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (file) form.set("file", new File([file.bytes as Uint8Array<ArrayBuffer>], file.name, { type: "application/zip" }));
  return form;
}

describe("products and releases (admin)", () => {
  it("creates and updates a product; a slug is unique; customers and engineers may not", async () => {
    const admin = await createUser("admin");
    const input = productFormSchema.parse({ name: "Shop Sync", slug: `shop-sync-${Date.now()}`, description: "", currency: "RUB", price: "9900", active: "on" });
    const product = await createProduct(admin, input);
    expect(product).toMatchObject({ listPriceMinor: 990_000, currency: "RUB", free: false });
    await expect(createProduct(admin, input)).rejects.toMatchObject({ code: "invalid", message: "product.error.slugTaken", fieldErrors: { slug: ["product.error.slugTakenField"] } });
    const updated = await updateProduct(admin, product.id, { ...input, listPriceMinor: 1_100_000 });
    expect(updated.listPriceMinor).toBe(1_100_000);
    await expect(createProduct(await createUser("engineer"), { ...input, slug: "other" })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("uploads a release package through the route (multipart) and an entitled customer downloads the same bytes", async () => {
    const admin = await createUser("admin");
    const customer = await createUser("customer");
    const licence = await createLicence({ organisationId: customer.organisationId!, activatedAt: new Date(), host: "dl.example.com" });
    const bytes = new TextEncoder().encode("PK\u0003\u0004 pretend zip ".repeat(1000));
    const request = new Request(`http://keydesk.test/admin/products/${licence.productId}`, {
      method: "POST",
      headers: { Cookie: await cookieFor(admin.id) },
      body: releaseForm({ version: "4.2.0", notes: "Faster", publishedAt: "2026-01-10T10:00" }, { name: "module-4.2.0.zip", bytes }),
    });
    const response = (await productAction({ request, params: { productId: licence.productId }, context: {} })) as Response;
    expect(response.status).toBe(302);
    const [release] = await db.select().from(releases).where(eq(releases.productId, licence.productId));
    expect(release).toMatchObject({ version: "4.2.0", fileName: "module-4.2.0.zip", fileSize: bytes.byteLength });
    expect(release!.publishedAt?.toISOString()).toBe("2026-01-10T07:00:00.000Z"); // the admin's zone: Moscow

    const download = await downloadLoader({
      request: new Request(`http://keydesk.test/portal/licences/${licence.id}/releases/${release!.id}/download`, { headers: { Cookie: await cookieFor(customer.id) } }),
      params: { licenceId: licence.id, releaseId: release!.id },
      context: {},
    });
    expect(download.status).toBe(200);
    expect(download.headers.get("Content-Disposition")).toContain('filename="module-4.2.0.zip"');
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);

    const stranger = await createUser("customer");
    const refused = await downloadLoader({
      request: new Request("http://keydesk.test/x", { headers: { Cookie: await cookieFor(stranger.id) } }),
      params: { licenceId: licence.id, releaseId: release!.id },
      context: {},
    }).catch((e: unknown) => e);
    expect((refused as Response).status).toBe(404);
  });

  it("refuses a version that is not a version number, and a package over the size limit", async () => {
    const admin = await createUser("admin");
    const licence = await createLicence();
    const bad = new Request(`http://keydesk.test/admin/products/${licence.productId}`, {
      method: "POST",
      headers: { Cookie: await cookieFor(admin.id) },
      body: releaseForm({ version: "latest", notes: "" }),
    });
    const result = (await productAction({ request: bad, params: { productId: licence.productId }, context: {} })) as unknown as { data: { fieldErrors: Record<string, string[]> }; init: { status: number } };
    expect(result.init.status).toBe(400);
    expect(result.data.fieldErrors.version).toBeDefined();

    const big = new Request("http://keydesk.test/upload", { method: "POST", body: releaseForm({ version: "1.0.0" }, { name: "big.zip", bytes: new Uint8Array(4096) }) });
    const parsed = await parseReleaseUpload(big, 1024);
    expect(parsed).toMatchObject({ ok: false, tooLarge: true, values: { version: "1.0.0" } });
  });
});
