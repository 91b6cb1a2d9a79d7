import { createCookie } from "@remix-run/node";

/**
 * How the interface looks for this browser: the colour scheme (system, light or dark), whether
 * the staff sidebar is collapsed and how dense the staff tables are. A cookie rather than a profile field, so the server
 * renders the right scheme on the first byte (no flash) for visitors too (ADR 190).
 */
export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];
export const DENSITIES = ["comfortable", "compact"] as const;
export type Density = (typeof DENSITIES)[number];
export type UiPreferences = { theme: Theme; sidebar: "expanded" | "collapsed"; density: Density };

export const uiCookie = createCookie("kd_ui", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 365 * 24 * 3600 });

export function isTheme(value: unknown): value is Theme {
  return typeof value === "string" && (THEMES as readonly string[]).includes(value);
}

export function isDensity(value: unknown): value is Density {
  return typeof value === "string" && (DENSITIES as readonly string[]).includes(value);
}

export function parseUiPreferences(value: unknown): UiPreferences {
  const raw = (value && typeof value === "object" ? value : {}) as Record<string, unknown>;
  return {
    theme: isTheme(raw.theme) ? raw.theme : "system",
    sidebar: raw.sidebar === "collapsed" ? "collapsed" : "expanded",
    density: isDensity(raw.density) ? raw.density : "comfortable",
  };
}

export async function readUiPreferences(request: Request): Promise<UiPreferences> {
  return parseUiPreferences(await uiCookie.parse(request.headers.get("Cookie")));
}
