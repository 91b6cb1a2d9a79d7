/**
 * What each kind of import takes, and how file headers are matched to those fields (English
 * and Russian, with the synonyms accounting systems and spreadsheets use). Pure.
 */

export const IMPORT_KINDS = ["organisations", "contacts", "licences"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const IMPORT_POLICIES = ["skip", "fill", "overwrite"] as const;
export type ImportPolicy = (typeof IMPORT_POLICIES)[number];
export const OUTCOMES = ["create", "update", "unchanged", "duplicate", "error"] as const;
export type Outcome = (typeof OUTCOMES)[number];

const ORG_NAME = ["name", "organisation", "organization", "company", "company name", "organisation name", "organization name", "counterparty", "client", "customer", "наименование", "название", "организация", "контрагент", "наименование организации", "наименование контрагента", "полное наименование", "краткое наименование", "рабочее наименование", "клиент", "компания"];
const ORG_REF_NAME = ["organisation", "organization", "company", "organisation name", "organization name", "company name", "client", "customer", "организация", "контрагент", "компания", "клиент", "наименование организации", "наименование контрагента"];
const TAX_ID = ["inn", "tax id", "taxid", "tax number", "tin", "инн", "инн организации", "инн контрагента", "инн клиента", "organisation inn", "organization inn", "company inn", "company tax id", "organisation tax id", "organization tax id"];
const PHONE = ["phone", "telephone", "tel", "phone number", "mobile", "mobile phone", "телефон", "тел", "телефоны", "номер телефона", "мобильный", "мобильный телефон", "моб телефон", "контактный телефон"];
const EMAIL = ["email", "e-mail", "e mail", "mail", "email address", "почта", "эл почта", "электронная почта", "адрес электронной почты", "адрес эл почты", "емейл", "имейл"];
const PLAN = ["plan", "support plan", "тариф", "план", "план поддержки", "тарифный план", "тариф поддержки"];

export const FIELDS: Record<ImportKind, Record<string, { required?: boolean; synonyms: string[] }>> = {
  organisations: {
    name: { required: true, synonyms: ORG_NAME },
    legalForm: { synonyms: ["legal form", "form", "company type", "орг форма", "организационно-правовая форма", "опф", "правовая форма", "форма собственности"] },
    taxId: { synonyms: TAX_ID },
    kpp: { synonyms: ["kpp", "кпп"] },
    phone: { synonyms: PHONE },
    email: { synonyms: EMAIL },
    address: { synonyms: ["address", "legal address", "postal address", "адрес", "юридический адрес", "фактический адрес", "юр адрес", "почтовый адрес"] },
    plan: { synonyms: PLAN },
    notes: { synonyms: ["notes", "note", "comment", "comments", "примечание", "примечания", "комментарий", "заметки"] },
  },
  contacts: {
    organisationTaxId: { synonyms: TAX_ID },
    organisationName: { synonyms: ORG_REF_NAME },
    name: { required: true, synonyms: ["name", "full name", "contact", "contact name", "contact person", "person", "фио", "ф и о", "имя", "контактное лицо", "контакт", "сотрудник", "представитель"] },
    jobTitle: { synonyms: ["role", "position", "job title", "title", "должность", "роль", "позиция"] },
    email: { required: true, synonyms: EMAIL },
    phone: { synonyms: PHONE },
    language: { synonyms: ["language", "lang", "locale", "язык"] },
    timeZone: { synonyms: ["time zone", "timezone", "tz", "часовой пояс", "временная зона", "пояс"] },
  },
  licences: {
    organisationTaxId: { synonyms: TAX_ID },
    organisationName: { synonyms: ORG_REF_NAME },
    product: { required: true, synonyms: ["product", "module", "product name", "product slug", "продукт", "модуль", "программа", "товар", "решение"] },
    key: { synonyms: ["key", "licence key", "license key", "licence", "license", "serial", "ключ", "лицензионный ключ", "лицензия", "ключ лицензии", "номер лицензии"] },
    plan: { synonyms: PLAN },
    activatedAt: { synonyms: ["activation date", "activated", "activated at", "activated on", "start date", "дата активации", "активирована", "дата начала", "начало поддержки"] },
    supportUntil: { synonyms: ["support until", "support ends", "support end", "support expires", "expires", "expiry", "expiry date", "поддержка до", "дата окончания", "окончание поддержки", "действует до", "срок поддержки", "поддержка по"] },
    hosts: { synonyms: ["sites", "site", "hosts", "host", "domain", "domains", "website", "сайт", "сайты", "домен", "домены", "хост", "адрес сайта"] },
    pricePaid: { synonyms: ["price", "price paid", "amount", "paid", "sum", "цена", "стоимость", "сумма", "оплачено", "сумма оплаты"] },
  },
};

export function fieldsOf(kind: ImportKind): string[] {
  return Object.keys(FIELDS[kind]);
}

export function isField(kind: ImportKind, field: string): boolean {
  return Object.hasOwn(FIELDS[kind], field);
}

/** Lower case, `ё` → `е`, punctuation and repeated spaces gone: the key headers are compared by. */
export function headerKey(header: string): string {
  return header
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/[^\p{L}\p{N}-]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** A column index → field (only matched columns appear). */
export type Mapping = Record<number, string>;

/**
 * Matches each header to at most one field, each field to at most one column. A saved
 * choice for the same header wins (including a saved "ignore": ""); then exact synonyms;
 * then a header that contains a synonym as whole words (`ИНН организации (10 цифр)`).
 * Contacts and licences name their organisation by tax ID *or* name: both may be mapped.
 */
export function matchHeaders(kind: ImportKind, headers: string[], saved: Record<string, string> = {}): Mapping {
  const mapping: Mapping = {};
  const used = new Set<string>();
  const keys = headers.map(headerKey);
  const take = (index: number, field: string) => {
    if (field !== "") used.add(field);
    mapping[index] = field;
  };
  keys.forEach((key, index) => {
    const choice = saved[key];
    if (choice !== undefined && (choice === "" || (isField(kind, choice) && !used.has(choice)))) take(index, choice);
  });
  const entries = Object.entries(FIELDS[kind]);
  const passes: Array<(key: string, synonym: string) => boolean> = [
    (key, synonym) => key === headerKey(synonym),
    (key, synonym) => headerKey(synonym).length >= 3 && ` ${key} `.includes(` ${headerKey(synonym)} `),
  ];
  for (const matches of passes) {
    keys.forEach((key, index) => {
      if (index in mapping || key === "") return;
      const found = entries.find(([field, def]) => !used.has(field) && def.synonyms.some((s) => matches(key, s)));
      if (found) take(index, found[0]);
    });
  }
  for (const index of Object.keys(mapping)) if (mapping[Number(index)] === "") delete mapping[Number(index)];
  return mapping;
}

/** How many cells of a row look like headers of this kind (to find the header under a title). */
export function headerScore(kind: ImportKind, cells: string[]): number {
  return Object.keys(matchHeaders(kind, cells)).length;
}

/**
 * The header row among the first rows of a sheet: the first with at least two recognised
 * headers, else the first with at least two non-empty cells (a title row has one).
 */
export function findHeaderRow(kind: ImportKind, rows: string[][]): number {
  const recognised = rows.findIndex((cells) => headerScore(kind, cells) >= 2);
  if (recognised >= 0) return recognised;
  return rows.findIndex((cells) => cells.filter((c) => c.trim() !== "").length >= 2);
}

/** Required fields of the kind that no column is mapped to (contacts/licences need an organisation too). */
export function missingFields(kind: ImportKind, mapping: Mapping): string[] {
  const mapped = new Set(Object.values(mapping));
  const missing = Object.entries(FIELDS[kind])
    .filter(([field, def]) => def.required && !mapped.has(field))
    .map(([field]) => field);
  if (kind !== "organisations" && !mapped.has("organisationTaxId") && !mapped.has("organisationName")) missing.push("organisation");
  return missing;
}
