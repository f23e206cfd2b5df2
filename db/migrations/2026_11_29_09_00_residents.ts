import { sql, type Kysely } from 'kysely';

// Frozen once landed. Migrations never import application code.
// The resident registry (issue 3): families (Kartu Keluarga), residents, the history of which KK
// a resident belonged to, a generic name-search token table, and the bookkeeping of imports.
// Village codes are not foreign keys: historic codes and stations without the region table must
// still hold residents. Codes follow ../shared/domain/domain.md §3.3.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table families (
      kk_number text primary key
        check (length(kk_number) = 16 and kk_number not glob '*[^0-9]*'),
      head_nik text check (head_nik is null or length(head_nik) = 16),
      address text not null,
      rt text not null check (rt glob '[0-9][0-9][0-9]'),
      rw text not null check (rw glob '[0-9][0-9][0-9]'),
      dusun text,
      village_code text not null check (length(village_code) = 10),
      postal_code text check (postal_code is null or postal_code glob '[0-9][0-9][0-9][0-9][0-9]'),
      issued_at text,
      updated_at text not null,
      source text not null
    ) without rowid`.execute(db);
  await sql`create index families_village on families (village_code)`.execute(db);

  await sql`
    create table residents (
      id integer primary key,
      nik text not null unique check (length(nik) = 16 and nik not glob '*[^0-9]*'),
      kk_number text not null references families (kk_number),
      name text not null check (length(name) > 0),
      name_key text not null,
      sex integer not null check (sex in (1, 2)),
      birth_place text not null,
      birth_date text not null check (birth_date glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
      birth_year integer not null,
      religion integer not null check (religion between 1 and 7),
      education integer not null check (education between 1 and 10),
      occupation integer not null check (occupation between 1 and 89),
      marital_status integer not null check (marital_status between 1 and 4),
      marital_recorded integer not null check (marital_recorded in (0, 1)),
      marriage_date text,
      marriage_cert_no text,
      divorce_date text,
      divorce_cert_no text,
      birth_cert_no text,
      relationship integer not null check (relationship between 1 and 11),
      blood_group integer not null check (blood_group between 1 and 13),
      disability integer check (disability is null or disability between 1 and 7),
      citizenship text not null check (citizenship in ('WNI', 'WNA')),
      passport_no text,
      kitap_no text,
      father_nik text,
      father_name text,
      mother_nik text,
      mother_name text,
      village_code text not null check (length(village_code) = 10),
      is_alive integer not null default 1 check (is_alive in (0, 1)),
      updated_at text not null,
      source text not null
    )`.execute(db);
  await sql`create index residents_kk on residents (kk_number)`.execute(db);
  await sql`create index residents_village_year on residents (village_code, birth_year)`.execute(
    db,
  );

  // Which KK a resident belonged to, and when: KK numbers change (split, move, new head).
  await sql`
    create table family_memberships (
      id integer primary key,
      nik text not null,
      kk_number text not null,
      relationship integer not null,
      from_at text not null,
      until_at text,
      reason text not null
    )`.execute(db);
  await sql`create unique index family_memberships_current on family_memberships (nik)
    where until_at is null`.execute(db);
  await sql`create index family_memberships_nik on family_memberships (nik, from_at)`.execute(db);
  await sql`create index family_memberships_kk on family_memberships (kk_number)`.execute(db);

  // Search keys of a resident's name; what a token is belongs to the search code, not the schema.
  await sql`
    create table resident_name_tokens (
      token text not null,
      resident_id integer not null,
      primary key (token, resident_id)
    ) without rowid`.execute(db);
  await sql`create index resident_name_tokens_resident on resident_name_tokens (resident_id)`.execute(
    db,
  );
}
