import { describe, expect, it } from "vitest";
import { can, homePathFor, isStaff, ROLES, type Permission, type Role } from "./permissions";

const cases: Array<[Role, Permission, boolean]> = [
  ["customer", "read:ticket:own", true],
  ["customer", "read:ticket:any", false],
  ["customer", "manage:user:any", false],
  ["customer", "reveal:access-details:any", false],
  ["engineer", "read:ticket:any", true],
  ["engineer", "reveal:access-details:any", true],
  ["engineer", "assign:ticket:any", false],
  ["engineer", "read:complaint:any", false],
  ["engineer", "read:email:any", true],
  ["quality", "read:email:any", true],
  ["customer", "read:email:any", false],
  ["team_lead", "assign:ticket:any", true],
  ["team_lead", "manage:user:any", false],
  ["quality", "read:complaint:any", true],
  ["quality", "apply:remedy:any", true],
  ["quality", "reveal:access-details:any", false],
  ["admin", "manage:user:any", true],
  ["admin", "read:audit:any", true],
  ["admin", "read:complaint:any", true],
];

describe("can", () => {
  it.each(cases)("%s → %s is %s", (role, permission, expected) => {
    expect(can({ role, isPrimaryContact: false }, permission)).toBe(expected);
  });

  it("lets only a customer's primary contact manage contacts", () => {
    expect(can({ role: "customer", isPrimaryContact: true }, "manage:contact:own")).toBe(true);
    expect(can({ role: "customer", isPrimaryContact: false }, "manage:contact:own")).toBe(false);
    expect(can({ role: "admin", isPrimaryContact: true }, "manage:contact:own")).toBe(false);
  });
});

describe("homePathFor and isStaff", () => {
  it.each(ROLES.map((r) => [r]))("%s has a home and a staff flag", (role) => {
    expect(homePathFor(role)).toMatch(/^\/(portal|desk|admin)$/);
    expect(isStaff(role)).toBe(role !== "customer");
  });
});
