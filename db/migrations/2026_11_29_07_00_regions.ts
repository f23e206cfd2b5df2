import { sql, type Kysely } from 'kysely';

// Frozen once landed. Migrations never import application code.
// Kemendagri region codes, stored without dots. Old codes are never deleted, only closed
// (valid_until_version), so historic NIK and KK prefixes stay resolvable.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('regions')
    .addColumn('code', 'text', (c) => c.primaryKey().notNull())
    .addColumn('level', 'text', (c) =>
      c.notNull().check(sql`level in ('province', 'regency', 'district', 'village')`),
    )
    .addColumn('parent_code', 'text', (c) => c.references('regions.code'))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`length(name) > 0`))
    .addColumn('kind', 'text', (c) => c.check(sql`kind in ('kelurahan', 'desa', 'desa_adat')`))
    .addColumn('valid_from_version', 'text', (c) => c.notNull())
    .addColumn('valid_until_version', 'text')
    .addCheckConstraint('regions_code_digits', sql`code not glob '*[^0-9]*'`)
    .addCheckConstraint(
      'regions_code_length',
      sql`length(code) = case level
        when 'province' then 2 when 'regency' then 4 when 'district' then 6 else 10 end`,
    )
    .addCheckConstraint(
      'regions_parent',
      sql`(level = 'province' and parent_code is null)
        or (level <> 'province' and parent_code = substr(code, 1, length(code) - case level
          when 'village' then 4 else 2 end))`,
    )
    .addCheckConstraint('regions_kind', sql`(level = 'village') = (kind is not null)`)
    .modifyEnd(sql`without rowid`)
    .execute();
  await db.schema.createIndex('regions_parent_code').on('regions').column('parent_code').execute();

  await db.schema
    .createTable('region_versions')
    .addColumn('version', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('loaded_at', 'text', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .execute();
}
