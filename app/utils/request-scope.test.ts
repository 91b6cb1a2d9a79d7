import { describe, expect, it } from "vitest";
import { memoRead, primeRead, withReadMemo } from "./request-scope.server";

function counter() {
  let reads = 0;
  return { read: async () => ++reads, reads: () => reads };
}

const get = () => new Request("http://keydesk.test/desk/tickets/1");
const post = () => new Request("http://keydesk.test/desk/tickets/1", { method: "POST" });

describe("reads memoised per page view", () => {
  it("loaders of one GET page view (one load context) read a key once, side by side or one after another", async () => {
    const context = {};
    const c = counter();
    const [a, b] = await Promise.all([
      withReadMemo(get(), context, () => memoRead("ticket:number:1", c.read)),
      withReadMemo(get(), context, () => memoRead("ticket:number:1", c.read)),
    ]);
    const later = await withReadMemo(get(), context, async () => {
      await new Promise((r) => setTimeout(r, 1));
      return memoRead("ticket:number:1", c.read);
    });
    expect([a, b, later, c.reads()]).toEqual([1, 1, 1, 1]);
  });

  it("another page view, another key, a POST or no page view at all read again", async () => {
    const c = counter();
    await withReadMemo(get(), {}, () => memoRead("k", c.read));
    await withReadMemo(get(), {}, () => memoRead("k", c.read));
    const context = {};
    await withReadMemo(get(), context, () => Promise.all([memoRead("k", c.read), memoRead("other", c.read)]));
    await withReadMemo(post(), context, () => memoRead("k", c.read));
    await memoRead("k", c.read);
    expect(c.reads()).toBe(6);
  });

  it("a failed read is not kept: the next loader tries again", async () => {
    const context = {};
    let calls = 0;
    const flaky = async () => {
      calls += 1;
      if (calls === 1) throw new Error("connection reset");
      return "row";
    };
    await expect(withReadMemo(get(), context, () => memoRead("k", flaky))).rejects.toThrow("connection reset");
    await expect(withReadMemo(get(), context, () => memoRead("k", flaky))).resolves.toBe("row");
    expect(calls).toBe(2);
  });

  it("primeRead answers another key with what a read returned, without overwriting a read in flight", async () => {
    const context = {};
    const c = counter();
    const value = await withReadMemo(get(), context, async () => {
      primeRead("ticket:id:x", { id: "x" });
      return memoRead("ticket:id:x", async () => ({ id: "read" }));
    });
    expect(value).toEqual({ id: "x" });
    await withReadMemo(get(), context, async () => {
      const first = memoRead("k", c.read);
      primeRead("k", 99);
      expect(await first).toBe(1);
      expect(await memoRead("k", c.read)).toBe(1);
    });
    // Outside a page view priming does nothing.
    primeRead("loose", 1);
    expect(await memoRead("loose", async () => 2)).toBe(2);
  });
});
