/** What the queue page's action answers; types only. */
import type { FormMessage } from "~/utils/messages";
import type { BulkSummary } from "./bulk.server";

export type QueueActionResult =
  | { intent: "bulk-preview"; change: string; scope: "all" | "page"; numbers: number[]; view: string; selected: number; changing: number; background: number | null }
  | { intent: "bulk-done"; change: string; summary: BulkSummary }
  | { intent: "view-saved"; name: string }
  | { intent: "view-changed" }
  | { intent: "error"; formError: FormMessage; params?: Record<string, string | number>; values: Record<string, string> };

/** The bulk change waiting for confirmation. */
export type BulkPreview = Extract<QueueActionResult, { intent: "bulk-preview" }>;
