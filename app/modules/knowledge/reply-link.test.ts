import { describe, expect, it } from "vitest";
import { appendArticleLink } from "./reply-link";

describe("appendArticleLink", () => {
  it("adds the link on its own paragraph after what was typed, or alone in an empty draft", () => {
    expect(appendArticleLink("Hello,\nplease read this:  \n\n", "Clearing the cache", "https://desk.example/kb/en/cache")).toBe(
      "Hello,\nplease read this:\n\n[Clearing the cache](https://desk.example/kb/en/cache)",
    );
    expect(appendArticleLink("", "Кэш", "https://desk.example/kb/ru/kesh")).toBe("[Кэш](https://desk.example/kb/ru/kesh)");
  });
  it("keeps brackets in the title and parentheses in the address from breaking the link", () => {
    expect(appendArticleLink("", "Error [500] fix", "https://desk.example/kb/en/a(b)")).toBe("[Error \\[500\\] fix](https://desk.example/kb/en/a%28b%29)");
  });
});
