import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { organisations } from "#db/schema";
import { ORGANISATION_SUGGESTIONS, queueFilterChoices, resolveOrganisationFilter, suggestOrganisations } from "~/modules/tickets/queue.server";
import { db } from "~/utils/db.server";
import { staff } from "../factories/tickets";

/** The queue's organisation filter is a search field: a type-ahead of at most 20 names, and the submitted text resolved on the server. */
describe("queue organisation filter", () => {
  it("suggests at most 20 names containing the text, those starting with it first, none for a customer", async () => {
    const engineer = await staff();
    const tag = randomUUID().slice(0, 8);
    await db.insert(organisations).values(Array.from({ length: 30 }, (_, i) => ({ name: `Acme ${tag} ${String(i).padStart(2, "0")}` })));
    await db.insert(organisations).values({ name: `${tag} Zeta` });
    const found = await suggestOrganisations(engineer, tag);
    expect(found).toHaveLength(ORGANISATION_SUGGESTIONS);
    expect(found[0]!.name).toBe(`${tag} Zeta`);
    expect(found.every((o) => o.name.includes(tag))).toBe(true);
    expect(await suggestOrganisations(engineer, "  ")).toEqual([]);
    expect(await suggestOrganisations(engineer, "a\u0000b%_")).toEqual([]);
    await expect(suggestOrganisations({ ...engineer, role: "customer" }, tag)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("resolves an exact name, a unique part, the chosen id among namesakes; says none or many", async () => {
    const engineer = await staff();
    const tag = randomUUID().slice(0, 8);
    const [one, twinA, twinB] = await db
      .insert(organisations)
      .values([{ name: `Romashka ${tag}` }, { name: `Twin ${tag}` }, { name: `Twin ${tag}` }])
      .returning({ id: organisations.id });
    await db.insert(organisations).values({ name: `Romashka ${tag} Holding` });
    expect(await resolveOrganisationFilter(engineer, "")).toEqual({ ok: true, id: null });
    expect(await resolveOrganisationFilter(engineer, ` romashka ${tag.toUpperCase()} `)).toEqual({ ok: true, id: one!.id });
    expect(await resolveOrganisationFilter(engineer, `${tag} Hold`)).toMatchObject({ ok: true });
    expect(await resolveOrganisationFilter(engineer, `Twin ${tag}`)).toEqual({ ok: false, reason: "many" });
    expect(await resolveOrganisationFilter(engineer, `Twin ${tag}`, twinB!.id)).toEqual({ ok: true, id: twinB!.id });
    expect(await resolveOrganisationFilter(engineer, `Romashka ${tag}`, twinA!.id)).toEqual({ ok: true, id: one!.id });
    expect(await resolveOrganisationFilter(engineer, `no such ${tag}`)).toEqual({ ok: false, reason: "none" });
    const choices = await queueFilterChoices(engineer, one!.id);
    expect(choices.organisation).toEqual({ id: one!.id, name: `Romashka ${tag}` });
    expect((await queueFilterChoices(engineer)).organisation).toBeNull();
  });
});
