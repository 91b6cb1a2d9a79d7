import { useFetcher } from "@remix-run/react";
import { useEffect, useId, useRef, useState, type ChangeEvent } from "react";
import { TextField } from "~/components/forms";
import type { suggestOrganisations } from "~/modules/tickets/queue.server";

const SUGGEST_DELAY_MS = 150;

/**
 * The queue's organisation filter: a text field with a type-ahead list (a <datalist> filled
 * from /desk/tickets/organisations, at most 20 names). The form sends the text as `org` and,
 * when a suggestion was picked, its id as `organisation`; the server resolves the text to one
 * organisation, so the field also works without JavaScript.
 */
export function OrganisationFilter({ label, name, id: chosenId, errors }: { label: string; name: string; id: string | null; errors?: string[] }) {
  // What /desk/tickets/organisations answers.
  const fetcher = useFetcher<{ organisations: Awaited<ReturnType<typeof suggestOrganisations>> }>();
  const listId = useId();
  const [id, setId] = useState(chosenId ?? "");
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => setId(chosenId ?? ""), [chosenId]);
  useEffect(() => () => clearTimeout(timer.current), []);
  const suggestions = fetcher.data?.organisations ?? [];

  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const text = event.currentTarget.value.trim();
    const picked = suggestions.find((o) => o.name.trim().toLowerCase() === text.toLowerCase());
    setId(picked?.id ?? "");
    clearTimeout(timer.current);
    if (text && !picked) timer.current = setTimeout(() => fetcher.load(`/desk/tickets/organisations?${new URLSearchParams({ q: text })}`), SUGGEST_DELAY_MS);
  };

  return (
    <>
      <TextField label={label} name="org" type="search" list={listId} autoComplete="off" defaultValue={name} onChange={onChange} errors={errors} />
      <input type="hidden" name="organisation" value={id} />
      <datalist id={listId}>
        {suggestions.map((o) => (
          <option key={o.id} value={o.name} />
        ))}
      </datalist>
    </>
  );
}
