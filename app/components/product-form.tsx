import { AppForm, SubmitButton, type FormResult } from "~/components/app-form";
import { productFormSchema } from "~/modules/licensing/schemas";
import { TextAreaField, TextField } from "./forms";
import { useI18n } from "./i18n";

/** The admin's product form; the price is typed in major units ("12000.50") and stored in minor units. */
export function ProductForm({
  result,
  defaults,
  submitLabel,
}: {
  result: FormResult;
  defaults?: { name: string; slug: string; description: string; currency: string; price: string; free: boolean; requiredPlatform: string; active: boolean };
  submitLabel: string;
}) {
  const { t } = useI18n();
  const v = result?.values;
  const value = (name: keyof NonNullable<typeof defaults>) => (v ? v[name] : defaults ? String(defaults[name] ?? "") : undefined);
  const checked = (name: "free" | "active", fallback: boolean) => (v ? v[name] === "on" : (defaults?.[name] ?? fallback));
  return (
    <AppForm method="post" schema={productFormSchema} result={result} intent="product">
      <TextField label={t("common.name")} name="name" required defaultValue={value("name")} />
      <TextField label={t("adminProd.slug")} name="slug" required defaultValue={value("slug")} hint={t("adminProd.slugHint")} />
      <TextAreaField label={t("adminProd.description")} name="description" defaultValue={value("description")} />
      <div className="grid-2">
        <TextField label={t("adminProd.price")} name="price" inputMode="decimal" defaultValue={value("price")} hint={t("adminProd.priceHint")} />
        <TextField label={t("adminProd.currency")} name="currency" required maxLength={3} defaultValue={value("currency") ?? "RUB"} />
      </div>
      <TextField label={t("adminProd.platform")} name="requiredPlatform" defaultValue={value("requiredPlatform")} hint={t("adminProd.platformHint")} />
      <div className="field">
        <label>
          <input type="checkbox" name="free" defaultChecked={checked("free", false)} /> {t("adminProd.free")}
        </label>
      </div>
      <div className="field">
        <label>
          <input type="checkbox" name="active" defaultChecked={checked("active", true)} /> {t("adminProd.active")}
        </label>
      </div>
      <SubmitButton>{submitLabel}</SubmitButton>
    </AppForm>
  );
}
