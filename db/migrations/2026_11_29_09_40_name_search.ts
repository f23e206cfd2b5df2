import { sql, type Kysely } from 'kysely';

// Frozen once landed. Migrations never import application code.
// Resident search (docs/registry-search.md).
export async function up(db: Kysely<unknown>): Promise<void> {
  // residents.name_key is a spelling-variant key of the whole name without spaces: looked up
  // exactly ("Sitiaminah" = "Siti Aminah") and as a prefix while the officer is still typing.
  // The filter columns ride along, so a filtered lookup never reads a row it then rejects.
  await sql`create index residents_name_key
    on residents (name_key, village_code, birth_year, sex)`.execute(db);
  // The filter columns by row id, about 30 bytes a resident: a name candidate is checked against
  // village, birth year and sex without reading its whole row (about 180 bytes, encrypted page).
  await sql`create index residents_search_filters
    on residents (id, sex, birth_year, village_code)`.execute(db);
}
