import { eq } from "drizzle-orm";
import { serviceItems, users } from "#db/schema";
import { db } from "~/utils/db.server";
import { serviceItemFormSchema } from "./catalogue";
import { createServiceItem } from "./catalogue.server";

/** A 1C partner's price list, shortened: what the demo portal offers. */
const DEMO_SERVICES = [
  { nameEn: "Training", nameRu: "Обучение", descriptionEn: "Online training for your staff on the module's daily work.", descriptionRu: "Онлайн-обучение сотрудников повседневной работе с модулем.", unit: "hour", price: "3500" },
  { nameEn: "Data migration", nameRu: "Перенос данных", descriptionEn: "Orders, customers and catalogue moved from your old system.", descriptionRu: "Перенос заказов, клиентов и каталога из прежней системы.", unit: "hour", price: "4000" },
  { nameEn: "Exchange set-up with 1C", nameRu: "Настройка обмена с 1С", descriptionEn: "Set-up and check of the exchange between the site and 1C.", descriptionRu: "Настройка и проверка обмена между сайтом и 1С.", unit: "fixed", price: "15000" },
  { nameEn: "Print form changes", nameRu: "Доработка печатных форм", descriptionEn: "One print form (invoice, act, waybill) changed to your layout.", descriptionRu: "Изменение одной печатной формы (счёт, акт, накладная) под ваш макет.", unit: "fixed", price: "6000" },
] as const;

/** Runs once, through the real use case, as the demo admin. */
export async function seedServicesDemo(): Promise<boolean> {
  const [existing] = await db.select({ id: serviceItems.id }).from(serviceItems).limit(1);
  if (existing) return false;
  const [admin] = await db.select().from(users).where(eq(users.email, "admin@keydesk.test")).limit(1);
  if (!admin) return false;
  const actor = { id: admin.id, role: admin.role, organisationId: admin.organisationId, isPrimaryContact: admin.isPrimaryContact };
  for (const item of DEMO_SERVICES) {
    await createServiceItem(actor, serviceItemFormSchema.parse({ ...item, currency: "RUB", active: true }));
  }
  return true;
}
