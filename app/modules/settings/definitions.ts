import { isValidInn } from "~/modules/imports/normalise";

/**
 * Every default SPEC calls a setting, in one place (pure). Each area is one row of the
 * `settings` table (key = area, value = a flat JSON object); a stored value that is missing or
 * no longer valid falls back to the SPEC default field by field, so a partial or old row never
 * breaks a page. The admin page, validation, the cached accessor and the tests all read these
 * definitions; no other code keeps its own copy of a SPEC number.
 */

export type SettingUnit = "months" | "moves" | "percent" | "days" | "mb" | "businessDays" | "hours" | "replies" | "hourUtc" | "backups";

type Common = { field: string };
export type IntSetting = Common & { kind: "int"; default: number; min: number; max: number; unit: SettingUnit };
/** A decimal number (hours, days) with at most two decimals. */
export type DecimalSetting = Common & { kind: "decimal"; default: number; min: number; max: number; unit: SettingUnit };
/** A percentage typed with up to two decimals and stored as integer basis points (22 % = 2200). */
export type BasisPointsSetting = Common & { kind: "basisPoints"; default: number; min: number; max: number };
/** Days as a list ("30, 7"): distinct whole days, stored largest first. */
export type DayListSetting = Common & { kind: "dayList"; default: number[]; min: number; max: number; minCount: number; maxCount: number };
export type BooleanSetting = Common & { kind: "boolean"; default: boolean };
export type ChoiceSetting = Common & { kind: "choice"; default: string; options: readonly string[] };
export type TextCheck = "inn" | "kpp" | "email" | "account20" | "bik";
export type TextSetting = Common & { kind: "text"; default: string; max: number; required: boolean; check?: TextCheck };

export type SettingDefinition = IntSetting | DecimalSetting | BasisPointsSetting | DayListSetting | BooleanSetting | ChoiceSetting | TextSetting;

export const VAT_MODE_OPTIONS = ["none", "included", "on_top"] as const;

export const SETTINGS = {
  licences: [
    { field: "supportTermMonths", kind: "int", default: 12, min: 1, max: 60, unit: "months" },
    { field: "moveLimitPerYear", kind: "int", default: 3, min: 1, max: 100, unit: "moves" },
  ],
  renewals: [
    { field: "renewalPercent", kind: "int", default: 50, min: 1, max: 100, unit: "percent" },
    { field: "reminderDays", kind: "dayList", default: [30, 7], min: 1, max: 365, minCount: 2, maxCount: 2 },
  ],
  tickets: [
    { field: "maxUploadMb", kind: "int", default: 25, min: 1, max: 100, unit: "mb" },
    { field: "accessDetailsErasureDays", kind: "int", default: 7, min: 1, max: 365, unit: "days" },
    { field: "autoCloseDays", kind: "int", default: 7, min: 1, max: 90, unit: "days" },
    // Who hears a customer's "site is down" at once, with the team leads (empty: the leads only).
    { field: "onCallEmail", kind: "text", default: "", max: 254, required: false, check: "email" },
  ],
  sla: [
    { field: "warningPercent", kind: "int", default: 75, min: 50, max: 99, unit: "percent" },
    { field: "planReminderDays", kind: "int", default: 14, min: 1, max: 90, unit: "days" },
  ],
  quality: [{ field: "complaintAcknowledgeBusinessDays", kind: "int", default: 1, min: 1, max: 10, unit: "businessDays" }],
  reviews: [{ field: "invitationDays", kind: "int", default: 30, min: 1, max: 365, unit: "days" }],
  billing: [
    { field: "vatMode", kind: "choice", default: "none", options: VAT_MODE_OPTIONS },
    { field: "vatRateBasisPoints", kind: "basisPoints", default: 2200, min: 0, max: 10_000 },
    { field: "reminderDays", kind: "dayList", default: [10, 3], min: 1, max: 365, minCount: 0, maxCount: 5 },
  ],
  seller: [
    { field: "name", kind: "text", default: "Keydesk Software LLC", max: 300, required: true },
    { field: "address", kind: "text", default: "1 Tverskaya St, Moscow 125009, Russia", max: 500, required: true },
    { field: "taxId", kind: "text", default: "7700000009", max: 12, required: true, check: "inn" },
    { field: "kpp", kind: "text", default: "770001001", max: 9, required: false, check: "kpp" },
    { field: "email", kind: "text", default: "billing@keydesk.localhost", max: 254, required: true, check: "email" },
    { field: "bankName", kind: "text", default: "Example Bank", max: 300, required: false },
    { field: "bankAccount", kind: "text", default: "40702810000000000000", max: 20, required: false, check: "account20" },
    { field: "bankCode", kind: "text", default: "044525000", max: 9, required: false, check: "bik" },
    { field: "correspondentAccount", kind: "text", default: "30101810400000000225", max: 20, required: false, check: "account20" },
    { field: "paymentTermsDays", kind: "int", default: 10, min: 1, max: 365, unit: "days" },
  ],
  security: [
    { field: "requireTwoFactorForStaff", kind: "boolean", default: true },
    { field: "staffIdleHours", kind: "decimal", default: 12, min: 0.25, max: 720, unit: "hours" },
    { field: "customerIdleDays", kind: "decimal", default: 30, min: 0.1, max: 365, unit: "days" },
    { field: "absoluteLifetimeDays", kind: "decimal", default: 30, min: 0.1, max: 365, unit: "days" },
  ],
  email: [{ field: "autoRepliesPerSenderPerHour", kind: "int", default: 5, min: 0, max: 100, unit: "replies" }],
  // Backups (issue 14): every `intervalHours` (daily by default) from `hourUtc`; retention keeps
  // the newest backup of each of the last `keepDaily` days and `keepWeekly` ISO weeks.
  backups: [
    { field: "intervalHours", kind: "int", default: 24, min: 1, max: 168, unit: "hours" },
    { field: "hourUtc", kind: "int", default: 2, min: 0, max: 23, unit: "hourUtc" },
    { field: "keepDaily", kind: "int", default: 7, min: 1, max: 90, unit: "backups" },
    { field: "keepWeekly", kind: "int", default: 4, min: 0, max: 52, unit: "backups" },
  ],
} as const satisfies Record<string, readonly SettingDefinition[]>;

export type SettingArea = keyof typeof SETTINGS;
export const SETTING_AREAS = Object.keys(SETTINGS) as SettingArea[];

type ValueOf<D> = D extends { kind: "int" | "decimal" | "basisPoints" }
  ? number
  : D extends { kind: "dayList" }
    ? number[]
    : D extends { kind: "boolean" }
      ? boolean
      : D extends { kind: "choice"; options: readonly (infer O)[] }
        ? O
        : string;

type AreaValue<Defs extends readonly SettingDefinition[]> = { -readonly [D in Defs[number] as D["field"]]: ValueOf<D> };

/** Fields an area keeps besides what the admin edits (set by the system, never by the form). */
export type AreaExtras = { security: { turnedOffByDemoData: boolean } };
export type AreaSettings<A extends SettingArea> = AreaValue<(typeof SETTINGS)[A]> & (A extends keyof AreaExtras ? AreaExtras[A] : unknown);
export type Settings = { [A in SettingArea]: AreaSettings<A> };

const EXTRA_DEFAULTS: { [A in keyof AreaExtras]: AreaExtras[A] } = { security: { turnedOffByDemoData: false } };

export function isSettingArea(value: unknown): value is SettingArea {
  return typeof value === "string" && Object.hasOwn(SETTINGS, value);
}

export function definitionsOf(area: SettingArea): readonly SettingDefinition[] {
  return SETTINGS[area];
}

export function areaDefaults<A extends SettingArea>(area: A): AreaSettings<A> {
  const value: Record<string, unknown> = { ...(EXTRA_DEFAULTS as Record<string, object>)[area] };
  for (const def of definitionsOf(area)) value[def.field] = Array.isArray(def.default) ? [...def.default] : def.default;
  return value as AreaSettings<A>;
}

export const DEFAULT_SETTINGS = Object.fromEntries(SETTING_AREAS.map((area) => [area, areaDefaults(area)])) as unknown as Settings;

/** Is a stored value still a valid value of the definition (a later release may narrow a range)? */
export function storedValueFits(def: SettingDefinition, value: unknown): boolean {
  switch (def.kind) {
    case "int":
    case "basisPoints":
      return Number.isInteger(value) && (value as number) >= def.min && (value as number) <= def.max;
    case "decimal":
      return typeof value === "number" && Number.isFinite(value) && value >= def.min && value <= def.max;
    case "dayList":
      return (
        Array.isArray(value) &&
        value.length >= def.minCount &&
        value.length <= def.maxCount &&
        value.every((d) => Number.isInteger(d) && d >= def.min && d <= def.max) &&
        new Set(value).size === value.length
      );
    case "boolean":
      return typeof value === "boolean";
    case "choice":
      return typeof value === "string" && def.options.includes(value);
    case "text":
      return typeof value === "string" && value.length <= def.max && (!def.required || value.trim() !== "");
  }
}

/** A stored row over the defaults, field by field: what is missing or no longer fits is the default. */
export function readArea<A extends SettingArea>(area: A, stored: unknown): AreaSettings<A> {
  const value = areaDefaults(area) as Record<string, unknown>;
  const row = stored && typeof stored === "object" && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {};
  for (const def of definitionsOf(area)) {
    if (storedValueFits(def, row[def.field])) value[def.field] = row[def.field];
  }
  const extras = (EXTRA_DEFAULTS as Record<string, Record<string, unknown>>)[area];
  for (const [field, fallback] of Object.entries(extras ?? {})) {
    if (typeof row[field] === typeof fallback) value[field] = row[field];
  }
  return value as AreaSettings<A>;
}

export type SettingError =
  | { code: "required" }
  | { code: "notNumber" }
  | { code: "notWhole" }
  | { code: "tooPrecise" }
  | { code: "range"; min: number; max: number }
  | { code: "listCount"; min: number; max: number }
  | { code: "listDuplicate" }
  | { code: "tooLong"; max: number }
  | { code: "choice" }
  | { code: "inn" }
  | { code: "digits"; count: number }
  | { code: "email" };

export type AreaValidation<A extends SettingArea> =
  | { ok: true; value: Omit<AreaSettings<A>, keyof (A extends keyof AreaExtras ? AreaExtras[A] : object)> }
  | { ok: false; errors: Record<string, SettingError> };

/** "12,5" and "12.5" are the same number; spaces (also thin and no-break) between digit groups are ignored. */
function parseDecimal(raw: string): number | null {
  const text = raw.replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
  if (!/^-?\d+(\.\d+)?$/.test(text)) return null;
  return Number(text);
}

function decimalsOf(raw: string): number {
  const text = raw.trim().replace(",", ".");
  const dot = text.indexOf(".");
  return dot < 0 ? 0 : text.length - dot - 1;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function checkText(check: TextCheck, text: string): SettingError | null {
  switch (check) {
    case "inn":
      return isValidInn(text) ? null : { code: "inn" };
    case "kpp":
      return /^\d{9}$/.test(text) ? null : { code: "digits", count: 9 };
    case "bik":
      return /^\d{9}$/.test(text) ? null : { code: "digits", count: 9 };
    case "account20":
      return /^\d{20}$/.test(text) ? null : { code: "digits", count: 20 };
    case "email":
      return EMAIL.test(text) && text.length <= 254 ? null : { code: "email" };
  }
}

/** One field from the form's text (a checkbox is present or absent). */
export function parseSettingField(def: SettingDefinition, raw: string | undefined): { ok: true; value: unknown } | { ok: false; error: SettingError } {
  const text = (raw ?? "").trim();
  switch (def.kind) {
    case "boolean":
      return { ok: true, value: text === "on" || text === "true" };
    case "choice":
      return def.options.includes(text) ? { ok: true, value: text } : { ok: false, error: { code: "choice" } };
    case "text": {
      const value = text.replace(/\s+/g, " ");
      if (value === "") return def.required ? { ok: false, error: { code: "required" } } : { ok: true, value: "" };
      if (value.length > def.max) return { ok: false, error: { code: "tooLong", max: def.max } };
      const problem = def.check ? checkText(def.check, def.check === "email" ? value.toLowerCase() : value) : null;
      return problem ? { ok: false, error: problem } : { ok: true, value: def.check === "email" ? value.toLowerCase() : value };
    }
    case "dayList": {
      const parts = text === "" ? [] : text.split(/[\s,;]+/).filter(Boolean);
      const days: number[] = [];
      for (const part of parts) {
        if (!/^\d+$/.test(part)) return { ok: false, error: { code: "notWhole" } };
        const day = Number(part);
        if (day < def.min || day > def.max) return { ok: false, error: { code: "range", min: def.min, max: def.max } };
        days.push(day);
      }
      if (days.length < def.minCount || days.length > def.maxCount) return { ok: false, error: { code: "listCount", min: def.minCount, max: def.maxCount } };
      if (new Set(days).size !== days.length) return { ok: false, error: { code: "listDuplicate" } };
      return { ok: true, value: days.sort((a, b) => b - a) };
    }
    case "int":
    case "decimal":
    case "basisPoints": {
      if (text === "") return { ok: false, error: { code: "required" } };
      const number = parseDecimal(text);
      if (number === null) return { ok: false, error: { code: "notNumber" } };
      if (def.kind === "int" && !Number.isInteger(number)) return { ok: false, error: { code: "notWhole" } };
      if (def.kind !== "int" && decimalsOf(text) > 2) return { ok: false, error: { code: "tooPrecise" } };
      const value = def.kind === "basisPoints" ? Math.round(number * 100) : number;
      if (value < def.min || value > def.max) {
        const scale = def.kind === "basisPoints" ? 100 : 1;
        return { ok: false, error: { code: "range", min: def.min / scale, max: def.max / scale } };
      }
      return { ok: true, value };
    }
  }
}

/** The admin form for one area: every field checked; all errors at once. */
export function validateArea<A extends SettingArea>(area: A, raw: Record<string, string | undefined>): AreaValidation<A> {
  const value: Record<string, unknown> = {};
  const errors: Record<string, SettingError> = {};
  for (const def of definitionsOf(area)) {
    const parsed = parseSettingField(def, raw[def.field]);
    if (parsed.ok) value[def.field] = parsed.value;
    else errors[def.field] = parsed.error;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value } as AreaValidation<A>;
}

/** How a stored value is shown in its input ("22" for 2200 basis points, "30, 7" for a list). */
export function formatSettingInput(def: SettingDefinition, value: unknown): string {
  switch (def.kind) {
    case "basisPoints":
      return String((value as number) / 100);
    case "dayList":
      return (value as number[]).join(", ");
    case "boolean":
      return value ? "on" : "";
    default:
      return String(value);
  }
}
