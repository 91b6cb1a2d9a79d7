import type { FormResult } from "~/components/app-form";
import type { useLoaderData } from "@remix-run/react";
import type { complaintWorkspace } from "~/modules/quality/complaint-workspace.server";

/** The complaint workspace's data as the page receives it. */
export type ComplaintData = ReturnType<typeof useLoaderData<typeof complaintWorkspace>>;

/** The workspace action's last answer: each form shows the part with its own `intent`. */
export type ComplaintResult = FormResult;
