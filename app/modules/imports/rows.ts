import { isDevelopmentHost, normaliseHost } from "../licensing/host";
import { parseLicenceKey } from "../licensing/licence-key";
import type { ImportKind, ImportPolicy, Mapping, Outcome } from "./fields";
import { collapseSpaces, nameKey, normaliseEmail, normaliseInn, normaliseKpp, normaliseName, normalisePhone } from "./normalise";
import { parseImportDate, parseLanguage, parseMoneyMinor, parseTimeZone } from "./values";

/**
 * One row of a file → normalised values plus errors and warnings, before any database
 * look-up. Pure. Issues are codes with parameters; the page and the CSV render them in the
 * reader's language.
 */

export type Issue = { code: string; field?: string; column?: string; raw?: string };
export type RowValues = Record<string, string | number | string[] | null>;
export type RowCheck = { values: RowValues; raw: Record<string, string>; errors: Issue[]; warnings: Issue[] };

export type RowOptions = { defaultCountry: string };

/** The cells of one row keyed by field, as typed in the file (trimmed). */
export function cellsByField(cells: string[], mapping: Mapping): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const [index, field] of Object.entries(mapping)) {
    const value = (cells[Number(index)] ?? "").trim();
    if (value !== "") raw[field] = value;
  }
  return raw;
}

export function checkRow(kind: ImportKind, cells: string[], mapping: Mapping, headers: string[], options: RowOptions): RowCheck {
  const raw = cellsByField(cells, mapping);
  const check: RowCheck = { values: {}, raw, errors: [], warnings: [] };
  const row = new RowReader(raw, mapping, headers, options, check);
  if (kind === "organisations") {
    check.values.name = row.name("name", true);
    check.values.legalForm = row.text("legalForm", 100);
    check.values.taxId = row.inn("taxId");
    if (raw.kpp === undefined) check.values.kpp = null;
    else {
      const kpp = normaliseKpp(raw.kpp);
      if (!kpp.ok) row.warn("kpp", kpp.reason);
      check.values.kpp = kpp.ok ? kpp.value : null;
    }
    check.values.phone = row.phone("phone");
    check.values.email = row.email("email", false);
    check.values.address = row.text("address", 1000);
    check.values.plan = row.text("plan", 200);
    const given = row.text("notes", 5000);
    check.values.notes = [given, ...row.notes].filter(Boolean).join("\n") || null;
  } else if (kind === "contacts") {
    row.organisationRef();
    check.values.name = row.name("name", true);
    check.values.jobTitle = row.text("jobTitle", 200);
    check.values.email = row.email("email", true);
    check.values.phone = row.phone("phone");
    check.values.language = null;
    if (raw.language !== undefined) {
      const language = parseLanguage(raw.language);
      if (language.ok) check.values.language = language.value;
      else row.warn("language", language.reason);
    }
    check.values.timeZone = null;
    if (raw.timeZone !== undefined) {
      const zone = parseTimeZone(raw.timeZone);
      if (zone.ok) check.values.timeZone = zone.value;
      else row.warn("timeZone", zone.reason);
    }
    check.values.notes = row.notes.join("\n") || null;
  } else {
    row.organisationRef();
    check.values.product = row.text("product", 200);
    if (check.values.product === null) row.error("product", "required");
    check.values.key = null;
    const key = raw.key === undefined ? "" : raw.key.trim();
    if (key !== "" && !/^(generate|сгенерировать|новый|new)$/i.test(key)) {
      const parsed = parseLicenceKey(key);
      if (parsed.ok) check.values.key = parsed.canonical;
      else row.error("key", parsed.reason === "typo" ? "key_typo" : "key_malformed");
    }
    check.values.plan = row.text("plan", 200);
    check.values.activatedAt = row.date("activatedAt");
    check.values.supportUntil = row.date("supportUntil");
    if (check.values.supportUntil && !check.values.activatedAt && raw.activatedAt === undefined) row.error("supportUntil", "support_until_needs_activation");
    if (check.values.supportUntil && check.values.activatedAt && check.values.supportUntil <= check.values.activatedAt) row.error("supportUntil", "support_until_before_activation");
    check.values.hosts = [];
    check.values.productionHost = null;
    for (const part of (raw.hosts ?? "").split(/[\s,;]+/).filter(Boolean)) {
      const host = normaliseHost(part);
      if (!host.ok) {
        row.warn("hosts", "host_invalid");
        continue;
      }
      if (!isDevelopmentHost(host.host) && check.values.productionHost === null) check.values.productionHost = host.host;
      else if (!isDevelopmentHost(host.host)) row.warn("hosts", "extra_production_host");
      if (!check.values.hosts.includes(host.host)) check.values.hosts.push(host.host);
    }
    if (check.values.productionHost && !check.values.activatedAt && raw.activatedAt === undefined) row.error("activatedAt", "activation_date_missing");
    check.values.pricePaid = null;
    if (raw.pricePaid !== undefined) {
      const price = parseMoneyMinor(raw.pricePaid);
      if (price.ok) check.values.pricePaid = price.value;
      else row.warn("pricePaid", price.reason);
    }
  }
  return check;
}

/**
 * The per-row helpers of `checkRow` as methods (not closures made again for every row: a file
 * has tens of thousands of rows). Each reads one field's raw text, normalises it and records
 * the field's error or warning.
 */
class RowReader {
  readonly notes: string[] = [];
  constructor(
    readonly raw: Record<string, string>,
    readonly mapping: Mapping,
    readonly headers: string[],
    readonly options: RowOptions,
    readonly check: RowCheck,
  ) {}

  columnOf(field: string): string {
    const index = Object.entries(this.mapping).find(([, f]) => f === field)?.[0];
    return index === undefined ? field : (this.headers[Number(index)] ?? field);
  }

  error(field: string, code: string) {
    this.check.errors.push({ code, field, column: this.columnOf(field), raw: this.raw[field] });
  }

  warn(field: string, code: string) {
    this.check.warnings.push({ code, field, column: this.columnOf(field), raw: this.raw[field] });
  }

  text(field: string, max = 500): string | null {
    const value = this.raw[field] === undefined ? null : collapseSpaces(this.raw[field]!);
    if (value !== null && value.length > max) {
      this.error(field, "too_long");
      return null;
    }
    return value;
  }

  name(field: string, required: boolean): string | null {
    const value = this.raw[field] === undefined ? "" : normaliseName(this.raw[field]!);
    if (value === "") {
      if (required) this.error(field, "required");
      return null;
    }
    if (value.length > 300) this.error(field, "too_long");
    return value;
  }

  inn(field: string): string | null {
    if (this.raw[field] === undefined) return null;
    const result = normaliseInn(this.raw[field]!);
    if (!result.ok) {
      this.error(field, result.reason);
      return null;
    }
    if (result.value.leadingZeroRestored) this.warn(field, "inn_leading_zero");
    return result.value.inn;
  }

  phone(field: string): string | null {
    if (this.raw[field] === undefined) return null;
    const result = normalisePhone(this.raw[field]!, this.options.defaultCountry);
    if (result.ok) return result.value.formatted;
    this.warn(field, "phone_invalid");
    this.notes.push(`${this.columnOf(field)}: ${collapseSpaces(this.raw[field]!)}`);
    return null;
  }

  email(field: string, required: boolean): string | null {
    if (this.raw[field] === undefined) {
      if (required) this.error(field, "required");
      return null;
    }
    const result = normaliseEmail(this.raw[field]!);
    if (result.ok) return result.value;
    if (required) this.error(field, result.reason);
    else {
      this.warn(field, result.reason);
      this.notes.push(`${this.columnOf(field)}: ${collapseSpaces(this.raw[field]!)}`);
    }
    return null;
  }

  date(field: string): string | null {
    if (this.raw[field] === undefined) return null;
    const result = parseImportDate(this.raw[field]!);
    if (!result.ok) this.error(field, result.reason);
    return result.ok ? result.value : null;
  }

  organisationRef() {
    this.check.values.organisationTaxId = this.inn("organisationTaxId");
    this.check.values.organisationName = this.name("organisationName", false);
    if (this.raw.organisationTaxId === undefined && this.raw.organisationName === undefined) this.error("organisationName", "organisation_missing");
  }
}

/** The keys a row is found by, strongest first: how duplicates are detected. */
export function matchKeys(kind: ImportKind, values: RowValues): Array<{ by: string; key: string }> {
  const keys: Array<{ by: string; key: string }> = [];
  if (kind === "organisations") {
    if (values.taxId) keys.push({ by: "taxId", key: String(values.taxId) });
    else if (values.name) keys.push({ by: "name", key: nameKey(String(values.name)) });
  } else if (kind === "contacts") {
    if (values.email) keys.push({ by: "email", key: String(values.email) });
    if (values.phone) keys.push({ by: "phone", key: String(values.phone) });
  } else if (values.key) {
    keys.push({ by: "key", key: String(values.key) });
  }
  return keys;
}

export type Decision = { outcome: Exclude<Outcome, "create" | "error">; patch: Record<string, unknown> };

const isEmpty = (value: unknown) => value === null || value === undefined || value === "";

/**
 * A row that matched an existing record: what to write under the admin's policy. Only the
 * row's non-empty values count. Nothing differs → `unchanged` (so re-importing a file is a
 * no-op under every policy); `skip` → `duplicate`; `fill` writes only fields that are empty
 * in the database (`duplicate` when every difference is a conflict); `overwrite` writes every
 * difference.
 */
export function decideUpdate(policy: ImportPolicy, existing: Record<string, unknown>, incoming: Record<string, unknown>): Decision {
  const differing = Object.keys(incoming).filter((field) => !isEmpty(incoming[field]) && !sameValue(existing[field], incoming[field]));
  if (differing.length === 0) return { outcome: "unchanged", patch: {} };
  if (policy === "skip") return { outcome: "duplicate", patch: {} };
  const fields = policy === "fill" ? differing.filter((field) => isEmpty(existing[field])) : differing;
  if (fields.length === 0) return { outcome: "duplicate", patch: {} };
  return { outcome: "update", patch: Object.fromEntries(fields.map((field) => [field, incoming[field]])) };
}

function sameValue(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => (v instanceof Date ? v.toISOString() : v);
  return norm(a) === norm(b);
}
