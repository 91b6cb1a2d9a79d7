import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { asc, eq } from "drizzle-orm";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { complaintAnswers, complaintDeadlineAlerts, complaints } from "#db/schema";
import type { Actor } from "~/modules/accounts/permissions";
import { acceptComplaintAnswer, complaintSummary, getCustomerComplaint } from "~/modules/quality/complaints.server";
import { currentDatabase, migrateDatabase, openPglite, openPostgres, useDatabase, type DatabaseHandle } from "~/utils/db.server";

/**
 * The migration that moved a complaint's state out of the `complaints.state` jsonb: on a fresh
 * database migrated up to the migration before it, complaints written the old way (a v1 blob
 * with two answers, the customer's reply and a sent alert; a hand-made row with no blob) read
 * the same through the use cases once it has run, and can be moved on.
 */
const MIGRATIONS = path.resolve(process.cwd(), "db/migrations");
const adminUrl = process.env.TEST_DATABASE_URL;
const onPostgres = process.env.KEYDESK_TEST_DRIVER === "postgres" && !!adminUrl;

type Journal = { entries: Array<{ idx: number; tag: string; when: number }> };

/** A copy of the migrations folder that stops before the complaint-columns migration. */
function migrationsBeforeComplaintColumns(): string {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS, "meta/_journal.json"), "utf8")) as Journal;
  const at = journal.entries.findIndex((e) => e.tag.endsWith("_complaint_columns"));
  if (at < 1) throw new Error("the complaint_columns migration is not in the journal");
  const folder = mkdtempSync(path.join(tmpdir(), "keydesk-migrations-"));
  mkdirSync(path.join(folder, "meta"));
  const before = journal.entries.slice(0, at);
  for (const e of before) copyFileSync(path.join(MIGRATIONS, `${e.tag}.sql`), path.join(folder, `${e.tag}.sql`));
  writeFileSync(path.join(folder, "meta/_journal.json"), JSON.stringify({ ...journal, entries: before }));
  return folder;
}

const t = (iso: string) => new Date(iso);
const RECEIVED = t("2026-03-02T07:00:00.000Z"); // Monday 10:00 MSK
const ACKNOWLEDGED = t("2026-03-02T07:30:00.000Z");
const INVESTIGATING = t("2026-03-02T07:40:00.000Z");
const FIRST_ANSWER = t("2026-03-03T09:00:00.000Z");
const REPLIED = t("2026-03-10T07:00:00.000Z");
const SECOND_ANSWER = t("2026-03-10T08:00:00.123Z");

let handle: DatabaseHandle;
let previous: DatabaseHandle;
let dropDatabase = async () => {};
let folder = "";
let customer: Actor;
let quality: Actor;
let withBlob = "";
let withoutBlob = "";

async function insertUser(role: "customer" | "quality", organisationId: string | null): Promise<Actor> {
  const [row] = await handle.query<{ id: string }>(
    "insert into users (email, name, role, organisation_id) values ($1, $2, $3::role, $4::uuid) returning id",
    [`${role}-${Math.random().toString(36).slice(2, 8)}@example.com`, `A ${role}`, role, organisationId],
  );
  return { id: row!.id, role, organisationId, isPrimaryContact: false };
}

beforeAll(async () => {
  previous = currentDatabase();
  folder = migrationsBeforeComplaintColumns();
  let url: string | undefined;
  if (onPostgres) {
    const name = `keydesk_complaint_columns_${process.pid}_${Date.now()}`;
    const admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const u = new URL(adminUrl!);
    u.pathname = `/${name}`;
    url = u.toString();
    handle = openPostgres(url, 3);
    dropDatabase = async () => {
      const a = postgres(adminUrl!, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    };
    await migratePostgres(handle.db, { migrationsFolder: folder });
  } else {
    handle = openPglite(undefined);
    await migratePglite(handle.db as never, { migrationsFolder: folder });
  }

  // The old schema: written with SQL, as the code of that time did.
  const [org] = await handle.query<{ id: string }>("insert into organisations (name) values ('Old Shop') returning id");
  customer = await insertUser("customer", org!.id);
  quality = await insertUser("quality", null);
  const iso = (d: Date) => d.toISOString();
  const blob = {
    v: 1,
    machine: {
      status: "answered",
      receivedAt: iso(RECEIVED),
      acknowledgedAt: iso(ACKNOWLEDGED),
      investigationStartedAt: iso(INVESTIGATING),
      answers: [
        { outcome: "partly_upheld", text: "We were slow; the answer was right.", answeredAt: iso(FIRST_ANSWER) },
        { outcome: "no_such_outcome", text: "A damaged entry is skipped", answeredAt: iso(FIRST_ANSWER) },
        { outcome: "upheld", text: "You are right about the logs.", answeredAt: iso(SECOND_ANSWER) },
      ],
      customerReply: { text: "The answer ignores the logs we sent.", repliedAt: iso(REPLIED) },
      closedAt: null,
    },
    alerts: { [`answer:warn:${iso(REPLIED)}`]: "2026-03-11T12:00:00.000Z", "not an alert key": "2026-03-11T12:00:00.000Z" },
  };
  const insert = `insert into complaints (organisation_id, author_id, subject, description, status, outcome, answer, answered_at,
      customer_reply, customer_replied_at, acknowledged_at, closed_at, created_at, updated_at, state)
    values ($1::uuid, $2::uuid, $3, 'Facts.', $4::complaint_status, $5::complaint_outcome, $6, $7::timestamptz, $8, $9::timestamptz, $10::timestamptz, $11::timestamptz, $12::timestamptz, $12::timestamptz, $13::jsonb) returning id`;
  const [a] = await handle.query<{ id: string }>(insert, [
    org!.id, customer.id, "Complaint on request #1", "answered", "upheld", "You are right about the logs.", iso(SECOND_ANSWER),
    "The answer ignores the logs we sent.", iso(REPLIED), iso(ACKNOWLEDGED), null, iso(RECEIVED), JSON.stringify(blob),
  ]);
  // A row with no blob (the demo data and hand-made rows): its columns were the state.
  const [b] = await handle.query<{ id: string }>(insert, [
    org!.id, customer.id, "Complaint on request #2", "closed", "rejected", "No.", iso(FIRST_ANSWER),
    null, null, iso(ACKNOWLEDGED), iso(REPLIED), iso(RECEIVED), "{}",
  ]);
  withBlob = a!.id;
  withoutBlob = b!.id;

  await migrateDatabase(handle, url);
  useDatabase(handle);
}, 180_000);

afterAll(async () => {
  useDatabase(previous);
  await handle?.close();
  await dropDatabase();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe("the complaint_columns migration", () => {
  it("drops the blob and copies two answers, the reply and the alert sent into columns and rows", async () => {
    const columns = await handle.query<{ column_name: string }>(
      "select column_name from information_schema.columns where table_schema = 'public' and table_name = 'complaints' and column_name in ('state', 'investigation_started_at')",
    );
    expect(columns.map((c) => c.column_name)).toEqual(["investigation_started_at"]);

    const answers = await handle.db.select().from(complaintAnswers).where(eq(complaintAnswers.complaintId, withBlob)).orderBy(asc(complaintAnswers.ordinal));
    expect(answers.map((a) => [a.ordinal, a.outcome, a.text, a.answeredAt.toISOString()])).toEqual([
      [1, "partly_upheld", "We were slow; the answer was right.", FIRST_ANSWER.toISOString()],
      [2, "upheld", "You are right about the logs.", SECOND_ANSWER.toISOString()],
    ]);
    const [row] = await handle.db.select().from(complaints).where(eq(complaints.id, withBlob));
    expect(row).toMatchObject({ status: "answered", outcome: "upheld", answeredAt: SECOND_ANSWER, investigationStartedAt: INVESTIGATING, customerRepliedAt: REPLIED });
    const alerts = await handle.db.select().from(complaintDeadlineAlerts).where(eq(complaintDeadlineAlerts.complaintId, withBlob));
    expect(alerts.map((a) => [a.clock, a.kind, a.cycleStartedAt.toISOString()])).toEqual([["answer", "warn", REPLIED.toISOString()]]);
  });

  it("the customer reads the complaint as before: both answers and the reply, which is used up", async () => {
    const view = await getCustomerComplaint(customer, withBlob);
    expect(view.answers).toEqual([
      { outcome: "partly_upheld", text: "We were slow; the answer was right.", answeredAt: FIRST_ANSWER },
      { outcome: "upheld", text: "You are right about the logs.", answeredAt: SECOND_ANSWER },
    ]);
    expect(view.customerReply).toEqual({ text: "The answer ignores the logs we sent.", repliedAt: REPLIED });
    expect(view).toMatchObject({ status: "answered", canReply: false, canAccept: true });

    const summary = await complaintSummary(quality, withBlob, t("2026-03-20T00:00:00Z"));
    expect(summary.state).toMatchObject({ receivedAt: RECEIVED, acknowledgedAt: ACKNOWLEDGED, investigationStartedAt: INVESTIGATING });
    // The answer clock restarted at the reply and was met by the second answer.
    expect(summary.deadlines.find((d) => d.clock === "answer")).toMatchObject({ startedAt: REPLIED, metAt: SECOND_ANSWER });
  });

  it("a row without a blob gets its one answer and investigation start from its columns", async () => {
    const view = await getCustomerComplaint(customer, withoutBlob);
    expect(view.answers).toEqual([{ outcome: "rejected", text: "No.", answeredAt: FIRST_ANSWER }]);
    expect(view).toMatchObject({ status: "closed", customerReply: null, canReply: false, canAccept: false });
    const [row] = await handle.db.select().from(complaints).where(eq(complaints.id, withoutBlob));
    expect(row!.investigationStartedAt).toEqual(ACKNOWLEDGED);
  });

  it("a copied complaint moves on through the use case, keeping its history", async () => {
    const closed = await acceptComplaintAnswer(customer, withBlob, t("2026-03-20T00:00:00Z"));
    expect(closed).toMatchObject({ status: "closed", outcome: "upheld", closedAt: t("2026-03-20T00:00:00Z") });
    expect((await getCustomerComplaint(customer, withBlob)).answers.map((a) => a.outcome)).toEqual(["partly_upheld", "upheld"]);
  });
});
