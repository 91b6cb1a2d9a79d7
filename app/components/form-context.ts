import { createContext, useContext } from "react";
import type { FormMessage } from "~/utils/messages";

export type AppFormState = {
  /** The errors to show under a field: the browser's check of the schema, or the action's answer. */
  errorsOf: (name: string) => ReadonlyArray<FormMessage> | undefined;
  /** The form is on its way to the server. */
  pending: boolean;
};

export const AppFormContext = createContext<AppFormState | null>(null);

/** The state of the surrounding `AppForm` (null outside one). Fields and the submit button read it. */
export function useAppForm(): AppFormState | null {
  return useContext(AppFormContext);
}
