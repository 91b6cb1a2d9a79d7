import type { Express, RequestHandler } from "express";

export const PERMISSIONS_POLICY: string;
export function createServerApp(options: { handler: RequestHandler; trustedProxies?: string[]; production?: boolean }): Express;
