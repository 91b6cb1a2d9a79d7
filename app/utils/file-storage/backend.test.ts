import { describe, expect, it } from "vitest";
import { FILE_BACKENDS, formatLocator, parseLocator } from "./backend";

describe("file locators", () => {
  it("reads a path without a backend prefix as a file in the folder (stored before backends existed)", () => {
    expect(parseLocator("attachments/2026-11/6c1d")).toEqual({ backend: "folder", key: "attachments/2026-11/6c1d" });
    expect(parseLocator("releases/2026-11/x")).toEqual({ backend: "folder", key: "releases/2026-11/x" });
  });

  it("reads the backend from the prefix", () => {
    expect(parseLocator("database:attachments/2026-12/a")).toEqual({ backend: "database", key: "attachments/2026-12/a" });
    expect(parseLocator("s3:releases/2026-12/b")).toEqual({ backend: "s3", key: "releases/2026-12/b" });
    expect(parseLocator("folder:releases/2026-12/c")).toEqual({ backend: "folder", key: "releases/2026-12/c" });
  });

  it.each(FILE_BACKENDS.flatMap((backend) => ["a", "releases/2026-12/x", "s3:x", "folder:y", "ключ\nс переводом"].map((key) => [backend, key] as const)))(
    "round-trips %s:%j",
    (backend, key) => {
      expect(parseLocator(formatLocator({ backend, key }))).toEqual({ backend, key });
    },
  );
});
