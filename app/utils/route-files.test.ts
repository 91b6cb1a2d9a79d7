import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * A page route (one with a default export) answers a browser's document request by rendering:
 * with single fetch, a non-redirect Response returned from its loader becomes the page's data
 * and the page breaks. Files (CSV, PDF, downloads) therefore come only from resource routes.
 */
const ROUTES = path.resolve(import.meta.dirname, "../routes");
const FILE_RESPONSES = /\b(csvResponse|reportCsvResponse|reportCsvDownload|pdfResponse)\(|Content-Disposition/;

describe("route files", () => {
  const files = readdirSync(ROUTES).filter((f) => /\.tsx?$/.test(f) && !f.includes(".test."));

  it("finds the route folder", () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it.each(files)("%s: a page route never answers with a file", (file) => {
    const source = readFileSync(path.join(ROUTES, file), "utf8");
    if (!/export default/.test(source)) return;
    expect(source).not.toMatch(FILE_RESPONSES);
  });
});
