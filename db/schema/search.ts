import { sql, type SQL } from "drizzle-orm";
import { customType } from "drizzle-orm/pg-core";

/** PostgreSQL full-text document; only ever written by generated columns. */
export const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * The text-search configuration for a piece of text: Russian when it has a Cyrillic letter,
 * English otherwise. Immutable, so it can feed generated columns. (The `russian`
 * configuration stems Latin words with the English stemmer, so a query parsed with it matches
 * documents of either language.)
 */
export const searchConfigOf = (text: SQL) => sql`case when (${text}) ~ '[А-Яа-яЁё]' then 'russian'::regconfig else 'english'::regconfig end`;
