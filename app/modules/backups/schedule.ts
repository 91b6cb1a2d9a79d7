import { DateTime } from "luxon";

/**
 * Pure rules of the backups (issue 14): archive names, when the next scheduled backup is due,
 * and which backups retention keeps. No clock, no files: `now` and the list are parameters.
 */

const NAME_PATTERN = /^keydesk-backup-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z\.tar\.gz$/;

/** `keydesk-backup-20261202T030000Z.tar.gz`: sortable, and the time is readable without opening it. */
export function backupFileName(at: Date): string {
  const iso = at.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
  return `keydesk-backup-${iso}.tar.gz`;
}

/** The time in a backup's file name, or null when the name is not one of ours. */
export function parseBackupFileName(name: string): Date | null {
  const m = NAME_PATTERN.exec(name);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  const date = new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
  return backupFileName(date) === name ? date : null;
}

export type BackupSchedule = { intervalHours: number; hourUtc: number };

/** Slack so that a job started a few minutes early (or a backup that ended late) still counts. */
const SLACK_MS = 30 * 60 * 1000;

/**
 * Is a scheduled backup due at `now`, given the newest backup's time? Intervals of a day or more
 * run in the hour `hourUtc`; shorter ones whenever the interval has passed.
 */
export function isBackupDue(now: Date, lastBackupAt: Date | null, schedule: BackupSchedule): boolean {
  if (schedule.intervalHours >= 24 && now.getUTCHours() !== schedule.hourUtc) return false;
  if (!lastBackupAt) return true;
  return now.getTime() - lastBackupAt.getTime() >= schedule.intervalHours * 3600_000 - SLACK_MS;
}

export type Retention = { keepDaily: number; keepWeekly: number };

const dayOf = (at: Date) => at.toISOString().slice(0, 10);
const weekOf = (at: Date) => DateTime.fromJSDate(at, { zone: "utc" }).toFormat("kkkk-'W'WW");

/**
 * Which backups to keep: the newest backup of each of the `keepDaily` most recent days that have
 * one, and of each of the `keepWeekly` most recent ISO weeks (UTC) — the usual "7 daily, 4
 * weekly". Returns the kept times, newest first; the caller deletes the rest.
 */
export function backupsToKeep(times: readonly Date[], retention: Retention): Date[] {
  const newestFirst = [...times].sort((a, b) => b.getTime() - a.getTime());
  const kept = new Set<Date>();
  for (const [bucket, limit] of [
    [dayOf, retention.keepDaily],
    [weekOf, retention.keepWeekly],
  ] as const) {
    let lastBucket: string | null = null;
    let count = 0;
    for (const at of newestFirst) {
      if (count >= limit) break;
      const key = bucket(at);
      if (key === lastBucket) continue;
      lastBucket = key;
      count++;
      kept.add(at);
    }
  }
  return newestFirst.filter((at) => kept.has(at));
}
