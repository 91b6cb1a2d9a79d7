import { expect, expectNoSeriousA11yViolations, signedInPageAs, test } from "./fixtures";

/**
 * The engineer's desk: a phone call filed on a customer's behalf (axe on the form), a
 * duplicate of it merged into the first from the workspace, and the merged ticket's pointer.
 * The organisation, its contact and the engineer are the test's own (factories).
 */

const RUN = Date.now().toString(36);

test("an engineer files two tickets for a customer and merges the duplicate into the first", async ({ browser, factory }) => {
  const { organisation, customer } = await factory.organisation();
  const engineer = await factory.staff("engineer");
  const page = await signedInPageAs(browser, engineer);
  const fileFor = async (subject: string): Promise<number> => {
    await page.goto(`/desk/tickets/new?q=${encodeURIComponent(organisation.name)}`);
    await page.getByLabel("Organisation", { exact: true }).selectOption({ label: organisation.name });
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByLabel("Contact", { exact: true }).selectOption({ label: `${customer.name} (${customer.email})` });
    await page.getByLabel("Type", { exact: true }).selectOption({ label: "Billing or licensing" });
    await page.getByLabel("Subject", { exact: true }).fill(subject);
    await page.getByLabel("Description", { exact: true }).fill("Called by phone: the last invoice shows the wrong company address.");
    if (subject.endsWith("first")) await expectNoSeriousA11yViolations(page);
    await page.getByRole("button", { name: "File the ticket" }).click();
    await expect(page).toHaveURL(/\/desk\/tickets\/\d+$/);
    await expect(page.getByText(`Filed by ${engineer.name} on the customer's behalf`)).toBeVisible();
    return Number(new URL(page.url()).pathname.split("/").pop());
  };
  const kept = await fileFor(`Invoice address ${RUN} first`);
  const duplicate = await fileFor(`Invoice address ${RUN} again`);

  await page.getByLabel("Number of the ticket to keep").fill(String(kept));
  await page.getByRole("button", { name: "Check" }).click();
  await expect(page.getByText(`Merge #${duplicate} “Invoice address ${RUN} again” into #${kept} “Invoice address ${RUN} first”?`)).toBeVisible();
  await page.getByRole("button", { name: `Merge #${duplicate} into #${kept}` }).click();
  await expect(page).toHaveURL(new RegExp(`/desk/tickets/${kept}\\?merged=${duplicate}$`));
  await expect(page.getByText("Called by phone").first()).toBeVisible();

  await page.goto(`/desk/tickets/${duplicate}`);
  const pointer = page.getByTestId("merged-pointer");
  await expect(pointer).toContainText(`This ticket was merged into #${kept}.`);
  await pointer.getByRole("link", { name: `Merged into #${kept}` }).click();
  await expect(page).toHaveURL(new RegExp(`/desk/tickets/${kept}$`));
  await page.context().close();
});
