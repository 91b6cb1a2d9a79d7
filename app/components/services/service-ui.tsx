import { AppForm, SubmitButton, type FormResult } from "~/components/app-form";
import { isMessageKey, type FormMessage } from "~/utils/messages";
import type { MessageKey } from "~/locales/en";
import { SERVICE_UNITS, serviceItemFormSchema } from "~/modules/services/catalogue";
import type { TicketServiceInfo } from "~/modules/services/requests.server";
import { SelectField, TextAreaField, TextField } from "../forms";
import { useI18n } from "../i18n";
import { useMoney } from "../licensing";
import { formatSplit } from "../time/format";

type Translate = ReturnType<typeof useI18n>["t"];

/** Use cases of this module speak in `services.error.*` codes; anything else is already words. */
export function serviceText(t: Translate, message: FormMessage): string {
  if (typeof message !== "string") return t(message.key, message.params);
  return message.startsWith("services.") || isMessageKey(message) ? t(message as MessageKey) : message;
}

export function serviceErrors(t: Translate, errors: ReadonlyArray<FormMessage> | undefined): string[] | undefined {
  return errors?.map((e) => serviceText(t, e));
}

export type ServiceItemDefaults = {
  nameEn: string;
  nameRu: string;
  descriptionEn: string;
  descriptionRu: string;
  unit: string;
  price: string;
  currency: string;
  active: boolean;
};

/** The admin's item form (both languages side by side); the price is typed in major units. */
export function ServiceItemForm({ result, defaults, submitLabel }: { result: FormResult; defaults?: ServiceItemDefaults; submitLabel: string }) {
  const { t } = useI18n();
  const v = result?.values;
  const value = (name: Exclude<keyof ServiceItemDefaults, "active">) => (v ? v[name] : defaults ? defaults[name] : undefined);
  return (
    <AppForm method="post" schema={serviceItemFormSchema} result={result} intent="save">
      <div className="grid-2">
        <TextField label={t("services.field.nameEn")} name="nameEn" required lang="en" defaultValue={value("nameEn")} />
        <TextField label={t("services.field.nameRu")} name="nameRu" required lang="ru" defaultValue={value("nameRu")} />
      </div>
      <div className="grid-2">
        <TextAreaField label={t("services.field.descriptionEn")} name="descriptionEn" lang="en" defaultValue={value("descriptionEn")} />
        <TextAreaField label={t("services.field.descriptionRu")} name="descriptionRu" lang="ru" defaultValue={value("descriptionRu")} />
      </div>
      <div className="grid-2">
        <SelectField label={t("services.field.unit")} name="unit" defaultValue={value("unit") ?? "hour"}>
          {SERVICE_UNITS.map((u) => (
            <option key={u} value={u}>
              {t(`services.unit.${u}`)}
            </option>
          ))}
        </SelectField>
        <TextField label={t("services.field.price")} name="price" inputMode="decimal" required defaultValue={value("price")} hint={t("services.field.priceHint")} />
      </div>
      <TextField label={t("services.field.currency")} name="currency" required maxLength={3} defaultValue={value("currency") ?? "RUB"} />
      <div className="field">
        <label>
          <input type="checkbox" name="active" defaultChecked={v ? v.active === "on" : (defaults?.active ?? true)} /> {t("services.field.active")}
        </label>
      </div>
      <SubmitButton>{submitLabel}</SubmitButton>
    </AppForm>
  );
}

/** On a ticket page (customer and staff): the service requested with its estimate, and every change of type with the split it gave. */
export function TicketServicePanel({ info }: { info: TicketServiceInfo }) {
  const { t, locale, dateTime } = useI18n();
  const money = useMoney();
  const { request, reclassifications } = info;
  if (!request && reclassifications.length === 0) return null;
  const split = (s: { free: number; prepaid: number; billable: number; notCharged: number }) => formatSplit(t, s) || t("services.ticket.noTime");
  const typeName = (type: string) => t(`ticket.type.${type}` as MessageKey);
  return (
    <section className="card" aria-labelledby="ticket-service-title" data-testid="ticket-service">
      <h2 id="ticket-service-title">{request ? t("services.ticket.title") : t("services.ticket.typeChanges")}</h2>
      {request ? (
        <>
          <p>{t("services.ticket.item", { name: locale === "ru" ? request.nameRu : request.nameEn })}</p>
          <p>
            <strong>
              {t("services.portal.estimate", {
                quantity: t(`services.quantity.${request.unit}`, { n: request.quantity }),
                price: money(request.unitPriceMinor, request.currency),
                total: money(request.estimateMinor, request.currency),
              })}
            </strong>
          </p>
        </>
      ) : null}
      {reclassifications.length > 0 ? (
        <>
          {request ? <h3>{t("services.ticket.typeChanges")}</h3> : null}
          <ul>
            {reclassifications.map((c) => (
              <li key={c.id}>
                <strong>{t("services.ticket.change", { from: typeName(c.fromType), to: typeName(c.toType) })}</strong>{" "}
                <span className="muted">
                  {dateTime(c.at)}
                  {c.actorName ? ` · ${c.actorName}` : ""}
                </span>
                <br />
                {t("services.ticket.reason", { reason: c.reason })}
                <br />
                {t("services.ticket.splitBefore", { split: split(c.splitBefore) })}
                <br />
                {t("services.ticket.splitAfter", { split: split(c.splitAfter) })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
