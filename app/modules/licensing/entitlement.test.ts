import { describe, expect, it } from "vitest";
import { compareVersions, isReleaseEntitled, latestEntitledRelease, parseVersion, type Release } from "./entitlement";

const at = (iso: string) => new Date(iso);
const NOW = at("2025-06-01T00:00:00Z");
const release = (version: string, publishedAt: string | null): Release => ({
  version,
  publishedAt: publishedAt === null ? null : at(publishedAt),
});

describe("isReleaseEntitled", () => {
  it.each([
    ["published before support ends", "2025-01-01T00:00:00Z", "2025-03-01T00:00:00Z", true],
    ["published exactly when support ends", "2025-03-01T00:00:00Z", "2025-03-01T00:00:00Z", true],
    ["published a millisecond after support ends", "2025-03-01T00:00:00.001Z", "2025-03-01T00:00:00Z", false],
    ["published after support ended", "2025-05-01T00:00:00Z", "2025-03-01T00:00:00Z", false],
    ["term not started (or free): anything published", "2025-05-31T00:00:00Z", null, true],
    ["published exactly now", "2025-06-01T00:00:00Z", "2026-01-01T00:00:00Z", true],
    ["scheduled for the future, support running", "2025-07-01T00:00:00Z", "2026-01-01T00:00:00Z", false],
    ["scheduled for the future, no cut-off", "2025-07-01T00:00:00Z", null, false],
    ["a draft", null, "2026-01-01T00:00:00Z", false],
    ["a draft, no cut-off", null, null, false],
  ])("%s → %s", (_label, publishedAt, supportUntil, expected) => {
    const until = supportUntil === null ? null : at(supportUntil);
    expect(isReleaseEntitled(release("1.0.0", publishedAt), until, NOW)).toBe(expected);
  });
});

describe("latestEntitledRelease", () => {
  const releases = [
    release("1.0.0", "2024-01-10T00:00:00Z"),
    release("1.1.0", "2024-06-10T00:00:00Z"),
    release("1.0.1", "2024-07-01T00:00:00Z"), // a back-ported fix published later
    release("2.0.0", "2025-04-01T00:00:00Z"),
    release("2.1.0", null),
    release("2.0.1", "2025-09-01T00:00:00Z"),
  ];

  it.each([
    ["support running: newest published", "2026-01-01T00:00:00Z", "2.0.0"],
    ["support ended in March 2025", "2025-03-01T00:00:00Z", "1.0.1"],
    ["support ended before everything", "2023-01-01T00:00:00Z", null],
    ["no cut-off", null, "2.0.0"],
  ])("%s → %s", (_label, supportUntil, expected) => {
    const until = supportUntil === null ? null : at(supportUntil);
    expect(latestEntitledRelease(releases, until, NOW)?.version ?? null).toBe(expected);
  });

  it("uses the version to break a tie in publication time", () => {
    const sameMoment = "2025-01-01T00:00:00Z";
    const tied = [release("3.0.0-rc.1", sameMoment), release("3.0.0", sameMoment), release("2.9.9", sameMoment)];
    expect(latestEntitledRelease(tied, null, NOW)?.version).toBe("3.0.0");
  });

  it("returns the caller's own row type", () => {
    const rows = [{ id: "r1", version: "1.0.0", publishedAt: at("2024-01-01T00:00:00Z") }];
    expect(latestEntitledRelease(rows, null, NOW)?.id).toBe("r1");
  });

  it("returns null for no releases", () => {
    expect(latestEntitledRelease([], null, NOW)).toBeNull();
  });
});

describe("compareVersions", () => {
  it.each([
    ["1.0.0", "1.0.0", 0],
    ["1.0.0", "1.0.1", -1],
    ["1.10.0", "1.9.0", 1],
    ["2.0.0", "10.0.0", -1],
    ["24.100.0", "24.99.5", 1],
    ["1.2", "1.2.0", 0],
    ["1", "1.0.1", -1],
    ["v1.2.3", "1.2.3", 0],
    ["1.2.3+build.5", "1.2.3+build.9", 0],
    ["1.0.0-alpha", "1.0.0", -1],
    ["1.0.0-alpha", "1.0.0-alpha.1", -1],
    ["1.0.0-alpha.1", "1.0.0-alpha.beta", -1],
    ["1.0.0-alpha.beta", "1.0.0-beta", -1],
    ["1.0.0-beta", "1.0.0-beta.2", -1],
    ["1.0.0-beta.2", "1.0.0-beta.11", -1],
    ["1.0.0-beta.11", "1.0.0-rc.1", -1],
    ["1.0.0-rc.1", "1.0.0", -1],
  ])("%s vs %s → %i", (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected);
    expect(compareVersions(b, a)).toBe(-expected || 0);
  });

  it.each([[""], ["latest"], ["1..2"], ["1.2.x"], ["1.0.0-"], ["-1.0.0"]])("throws on %j", (bad) => {
    expect(parseVersion(bad)).toBeNull();
    expect(() => compareVersions(bad, "1.0.0")).toThrow(RangeError);
  });
});
