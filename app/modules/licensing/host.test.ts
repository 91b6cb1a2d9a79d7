import { describe, expect, it } from "vitest";
import { isDevelopmentHost, normaliseHost } from "./host";

describe("normaliseHost", () => {
  it.each([
    ["shop.example.com", "shop.example.com"],
    ["Shop.Example.COM", "shop.example.com"],
    ["  shop.example.com  ", "shop.example.com"],
    ["https://shop.example.com/catalog/?a=1#top", "shop.example.com"],
    ["http://shop.example.com:8080", "shop.example.com"],
    ["shop.example.com:8080/path", "shop.example.com"],
    ["HTTPS://user:secret@Shop.Example.com:443/", "shop.example.com"],
    ["shop.example.com.", "shop.example.com"],
    ["www.shop.example.com", "shop.example.com"],
    ["https://WWW.example.com/", "example.com"],
    ["www.www.example.com", "www.example.com"],
    ["www.com", "www.com"],
    ["www.localhost", "www.localhost"],
    ["wwwexample.com", "wwwexample.com"],
    ["пример.рф", "xn--e1afmkfd.xn--p1ai"],
    ["https://www.Пример.РФ./путь", "xn--e1afmkfd.xn--p1ai"],
    ["localhost:3000", "localhost"],
    ["127.0.0.1:8000", "127.0.0.1"],
    ["127.1", "127.0.0.1"],
    ["http://[::1]:3000/", "::1"],
    ["[0:0:0:0:0:0:0:1]", "::1"],
    ["http://[2001:DB8::1]/", "2001:db8::1"],
    ["::1", "::1"],
    ["2001:db8::1", "2001:db8::1"],
    ["intranet", "intranet"],
  ])("%j → %j", (input, host) => {
    expect(normaliseHost(input)).toEqual({ ok: true, host });
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["ftp://files.example.com", "unsupported_scheme"],
    ["mailto://someone@example.com", "unsupported_scheme"],
    ["http://", "invalid"],
    ["shop example.com", "invalid"],
    ["http://exa mple.com", "invalid"],
    ["http://[::1", "invalid"],
    [`${"a.".repeat(127)}com`, "invalid"],
  ])("%j is refused as %s", (input, error) => {
    expect(normaliseHost(input)).toEqual({ ok: false, error });
  });

  it("is idempotent", () => {
    for (const input of ["https://www.Shop.com:81/x", "пример.рф", "[::1]", "127.1"]) {
      const once = normaliseHost(input);
      expect(once.ok && normaliseHost(once.host)).toEqual(once);
    }
  });
});

describe("isDevelopmentHost", () => {
  it.each([
    ["localhost", true],
    ["app.localhost", true],
    ["bitrix.local", true],
    ["shop.test", true],
    ["dev.shop.com", true],
    ["staging.shop.com", true],
    ["dev.shop.co.uk", true],
    ["127.0.0.1", true],
    ["127.10.20.30", true],
    ["::1", true],
    ["shop.com", false],
    ["dev.com", false],
    ["staging.io", false],
    ["devshop.com", false],
    ["shop.dev", false],
    ["mydev.shop.com", false],
    ["shop.local.example.com", false],
    ["shop.testing", false],
    ["localhost.example.com", false],
    ["10.0.0.5", false],
    ["192.168.1.10", false],
    ["128.0.0.1", false],
    ["2001:db8::1", false],
  ])("%s → %s", (host, expected) => {
    expect(isDevelopmentHost(host)).toBe(expected);
  });

  it.each([["http://LOCALHOST:3000"], ["https://www.dev.shop.com/"], ["http://[::1]/"], ["SHOP.TEST."]])(
    "recognises %s after normalisation",
    (input) => {
      const normalised = normaliseHost(input);
      expect(normalised.ok && isDevelopmentHost(normalised.host)).toBe(true);
    },
  );
});
