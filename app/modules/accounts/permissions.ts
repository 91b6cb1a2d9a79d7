/**
 * Permissions are `action:entity:access` strings. `own` means "within the user's organisation";
 * `any` means across all organisations. Roles map to permission sets here and nowhere else.
 */
export const ROLES = ["customer", "engineer", "team_lead", "quality", "admin"] as const;
export type Role = (typeof ROLES)[number];
export const STAFF_ROLES = ["engineer", "team_lead", "quality", "admin"] as const;

const CUSTOMER = [
  "read:organisation:own",
  "read:licence:own",
  "activate:licence:own",
  "read:ticket:own",
  "create:ticket:own",
  "reply:ticket:own",
  "read:usage:own",
  "create:complaint:own",
  "read:complaint:own",
  "create:review:own",
  "create:order:own",
] as const;

const ENGINEER = [
  "read:organisation:any",
  "read:licence:any",
  "read:ticket:any",
  "update:ticket:any",
  "reply:ticket:any",
  "reveal:access-details:any",
  "create:time-entry:any",
  "escalate:ticket:any",
  "read:product:any",
  "write:article:any",
  "read:email:any",
] as const;

// Team leads edit organisations (details, plan, notes);
// merging two organisations is the admin's (`manage:organisation:any`).
const TEAM_LEAD = [...ENGINEER, "assign:ticket:any", "read:report:any", "update:licence:any", "read:order:any", "update:organisation:any"] as const;

const QUALITY = [
  "read:organisation:any",
  "read:licence:any",
  "read:ticket:any",
  "read:complaint:any",
  "update:complaint:any",
  "apply:remedy:any",
  "moderate:review:any",
  "read:report:any",
  "read:csat:any",
  "write:article:any",
  "read:email:any",
] as const;

const ADMIN = [
  ...TEAM_LEAD,
  ...QUALITY,
  "manage:user:any",
  "manage:organisation:any",
  "manage:product:any",
  "manage:settings:any",
  "manage:calendar:any",
  "manage:plan:any",
  "mark-paid:order:any",
  "read:audit:any",
  "import:data:any",
  "manage:backup:any",
] as const;

export type Permission =
  | (typeof CUSTOMER)[number]
  | (typeof ADMIN)[number]
  | "manage:contact:own";

const BY_ROLE: Record<Role, ReadonlySet<Permission>> = {
  customer: new Set<Permission>(CUSTOMER),
  engineer: new Set<Permission>(ENGINEER),
  team_lead: new Set<Permission>(TEAM_LEAD),
  quality: new Set<Permission>(QUALITY),
  admin: new Set<Permission>(ADMIN),
};

export type Actor = { id: string; role: Role; organisationId: string | null; isPrimaryContact: boolean };

export function can(actor: Pick<Actor, "role" | "isPrimaryContact">, permission: Permission): boolean {
  // Only the primary contact manages the organisation's other logins.
  if (permission === "manage:contact:own") return actor.role === "customer" && actor.isPrimaryContact;
  return BY_ROLE[actor.role].has(permission);
}

export function isStaff(role: Role): boolean {
  return role !== "customer";
}

/** The area a user lands on after signing in. */
export function homePathFor(role: Role): string {
  if (role === "customer") return "/portal";
  if (role === "admin") return "/admin";
  return "/desk";
}
