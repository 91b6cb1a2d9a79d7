/**
 * Which releases a licence may download.
 *
 * The software keeps working after support ends; what stops is new updates. A
 * release is downloadable iff it is published (`publishedAt <= now`) and
 * `publishedAt <= supportUntil`. `supportUntil = null` means "no cut-off": the term
 * has not started yet (the customer needs a build to install and activate) or the
 * product is free. Licence flags (revoked, suspended) are checked by the caller.
 */

export type Release = {
  version: string;
  /** `null` for a draft that has not been published. */
  publishedAt: Date | null;
};

export function isReleaseEntitled(release: Release, supportUntil: Date | null, now: Date): boolean {
  if (release.publishedAt === null) return false;
  const published = release.publishedAt.getTime();
  return published <= now.getTime() && (supportUntil === null || published <= supportUntil.getTime());
}

/** Newest by publication time; a version number only breaks exact ties. */
export function latestEntitledRelease<R extends Release>(
  releases: readonly R[],
  supportUntil: Date | null,
  now: Date,
): R | null {
  return releases
    .filter((release) => isReleaseEntitled(release, supportUntil, now))
    .reduce<R | null>((best, release) => (best === null || compareReleases(release, best) > 0 ? release : best), null);
}

type ParsedVersion = { core: number[]; prerelease: string[] };

/**
 * SemVer 2.0 precedence, relaxed for real-world module versions: an optional
 * leading `v`, any number of numeric core parts with missing parts read as 0
 * (`1.2` = `1.2.0`), build metadata ignored. Throws on anything else so bad data
 * is caught when a release is published — check with `parseVersion` first.
 */
export function compareVersions(a: string, b: string): number {
  const left = requireVersion(a);
  const right = requireVersion(b);
  return compareCores(left.core, right.core) || comparePrereleases(left.prerelease, right.prerelease);
}

export function parseVersion(version: string): ParsedVersion | null {
  const match = /^v?(\d+(?:\.\d+)*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.-]+)?$/.exec(
    version.trim(),
  );
  if (match === null) return null;
  return { core: match[1].split(".").map(Number), prerelease: match[2]?.split(".") ?? [] };
}

function compareReleases(a: Release, b: Release): number {
  const byTime = (a.publishedAt?.getTime() ?? 0) - (b.publishedAt?.getTime() ?? 0);
  return byTime !== 0 ? Math.sign(byTime) : compareVersions(a.version, b.version);
}

function requireVersion(version: string): ParsedVersion {
  const parsed = parseVersion(version);
  if (parsed === null) throw new RangeError(`Not a version number: ${version}`);
  return parsed;
}

function compareCores(a: number[], b: number[]): number {
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

/** A pre-release sorts before its release; identifiers compare numerically when numeric. */
function comparePrereleases(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return Math.sign(b.length - a.length);
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    const difference = compareIdentifiers(a[index], b[index]);
    if (difference !== 0) return difference;
  }
  return Math.sign(a.length - b.length);
}

function compareIdentifiers(a: string, b: string): number {
  const aNumeric = /^\d+$/.test(a);
  const bNumeric = /^\d+$/.test(b);
  if (aNumeric && bNumeric) return Math.sign(Number(a) - Number(b));
  if (aNumeric !== bNumeric) return aNumeric ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
