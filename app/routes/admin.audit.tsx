import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { AuditTable } from "~/components/audit";
import { SelectField, TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { Pager } from "~/components/pager";
import { en, type MessageKey } from "~/locales/en";
import { listAuditEntries } from "~/modules/accounts/audit-log.server";
import { requirePermission } from "~/modules/accounts/auth.server";
import { pageTitle } from "~/utils/i18n";
import { resolveLocale } from "~/utils/locale.server";
import { decodeTimeCursor, encodeCursor } from "~/utils/pagination";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "audit.title") }];

/** The action codes and entity types the filters offer, as the catalogue names them. */
const ACTION_KEYS = Object.keys(en).filter((k): k is MessageKey => k.startsWith("auditAction."));
const ENTITY_KEYS = Object.keys(en).filter((k): k is MessageKey => k.startsWith("auditEntity."));
const ACTIONS = new Set(ACTION_KEYS.map((k) => k.slice("auditAction.".length)));
const ENTITY_TYPES = new Set(ENTITY_KEYS.map((k) => k.slice("auditEntity.".length)));

const text = z.string().trim().max(200).optional().catch(undefined).transform((v) => v || undefined);
const day = z.iso.date().optional().catch(undefined);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:audit:any");
  const locale = await resolveLocale(request, user);
  const p = new URL(request.url).searchParams;
  const from = day.parse(p.get("from") || undefined);
  const to = day.parse(p.get("to") || undefined);
  const action = text.parse(p.get("action") ?? undefined);
  const entityType = text.parse(p.get("entityType") ?? undefined);
  const page = await listAuditEntries(
    user,
    {
      // Only codes the page can name are filters; anything else is ignored rather than an error.
      entityType: entityType && ENTITY_TYPES.has(entityType) ? entityType : undefined,
      entityId: text.parse(p.get("entityId") ?? undefined),
      action: action && ACTIONS.has(action) ? action : undefined,
      actor: text.parse(p.get("actor") ?? undefined),
      from: from ? new Date(`${from}T00:00:00Z`) : undefined,
      to: to ? new Date(`${to}T23:59:59.999Z`) : undefined,
      before: decodeTimeCursor(p.get("before")) ?? undefined,
    },
    locale,
  );
  return { entries: page.entries, refs: page.refs, next: page.next ? encodeCursor([page.next.at, page.next.id]) : null };
}

export default function AuditLog() {
  const { entries, refs, next } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t, locale } = useI18n();
  const byLabel = (keys: MessageKey[], prefix: string) =>
    keys.map((k) => ({ code: k.slice(prefix.length), label: t(k, { entity: "…", assignee: "…", status: "…", priority: "…" }) })).sort((a, b) => a.label.localeCompare(b.label, locale));
  const entityId = params.get("entityId");
  return (
    <>
      <h1>{t("audit.title")}</h1>
      <Form method="get" className="toolbar" role="search">
        {entityId ? <input type="hidden" name="entityId" value={entityId} /> : null}
        <SelectField label={t("audit.action")} name="action" defaultValue={params.get("action") ?? ""}>
          <option value="">{t("auditUi.anyAction")}</option>
          {byLabel(ACTION_KEYS, "auditAction.").map((a) => (
            <option key={a.code} value={a.code}>
              {a.label}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("audit.entity")} name="entityType" defaultValue={params.get("entityType") ?? ""}>
          <option value="">{t("auditUi.anyEntity")}</option>
          {byLabel(ENTITY_KEYS, "auditEntity.").map((a) => (
            <option key={a.code} value={a.code}>
              {a.label}
            </option>
          ))}
        </SelectField>
        <TextField label={t("audit.actor")} name="actor" placeholder={t("auditUi.actorHint")} defaultValue={params.get("actor") ?? ""} />
        <TextField label={t("auditUi.from")} name="from" type="date" defaultValue={params.get("from") ?? ""} />
        <TextField label={t("auditUi.to")} name="to" type="date" defaultValue={params.get("to") ?? ""} />
        <button type="submit">{t("common.filter")}</button>
      </Form>
      {entries.length === 0 ? (
        <p className="card">{t("common.empty")}</p>
      ) : (
        <AuditTable entries={entries} refs={refs} />
      )}
      <Pager next={next} cursor="before" />
    </>
  );
}
