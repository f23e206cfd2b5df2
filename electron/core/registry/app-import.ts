import { basename } from 'node:path';
import { z } from 'zod';
import { fail, ok, type ImportSummary } from '../../contract';
import type { RegistryImportRow } from '../../../db/schema';
import type { App, CallContext } from '../../transport/dispatcher';
import { LARGE_CALL_BYTES } from '../../transport/limits';
import { recordAudit } from '../audit/record';
import { officerName } from '../common/officer';
import type { CoreDeps } from '../deps';
import {
  cancelImport,
  createImportRow,
  getImport,
  importExtract,
  isRollingBack,
  markInterrupted,
  toSummary,
  type ImportProgress,
} from './import';
import {
  STAGING_CHUNK_MAX,
  appendStagedChunk,
  deleteStaged,
  readStaged,
  stagedFile,
} from './import-staging';

/** Largest extract accepted: a regency of about 1.2 million residents is ~300 MB. */
export const IMPORT_MAX_BYTES = 2 * 1024 ** 3;
const PROGRESS_INTERVAL_MS = 250;
const SYSTEM = { role: 'admin', userName: 'system' } as const;

interface Running {
  controller: AbortController;
  done: Promise<ImportSummary>;
}

/**
 * registry-import-*: upload in chunks into encrypted staging, then import in the background with
 * progress pushed to the starting connection. Supervisor only: an import rewrites the registry.
 */
export function registerRegistryImport(app: App, deps: CoreDeps): void {
  const { sqlite } = deps;
  const running = new Map<string, Running>();
  const key = deps.ports.keyStore.loadOrCreate('import-staging');
  const now = () => deps.ports.clock.now();

  // Nothing runs at start-up: what says running was cut off; half-uploaded files are useless.
  const found = markInterrupted(sqlite);
  for (const upload of found.uploads) deleteStaged(upload.staged_file);

  const lookup = (importId: string) => {
    const row = getImport(sqlite, importId);
    return row ? ok(row) : fail('NOT_FOUND', `No import ${importId.slice(0, 40)}`);
  };
  const counts = (row: RegistryImportRow) => ({
    status: row.status,
    rowsRead: row.rows_read,
    rowsAccepted: row.rows_accepted,
    rowsRejected: row.rows_rejected,
    rowsChanged: row.rows_changed,
  });

  app.method('registry-import-begin', {
    role: 'supervisor',
    args: z.strictObject({
      fileName: z.string().min(1).max(200),
      sizeBytes: z.number().int().positive().max(IMPORT_MAX_BYTES),
    }),
    run: (args, ctx) => {
      const importId = deps.ports.ids.uuid();
      createImportRow(sqlite, {
        id: importId,
        file_name: basename(args.fileName.replaceAll('\\', '/')),
        size_bytes: args.sizeBytes,
        staged_file: stagedFile(deps.ports.paths.dataDir, importId),
        status: 'uploading',
        created_at: now().toISOString(),
        created_by: officerName(ctx.session),
      });
      return ok({ importId, chunkBytes: STAGING_CHUNK_MAX });
    },
  });

  app.method('registry-import-chunk', {
    role: 'supervisor',
    maxBytes: LARGE_CALL_BYTES,
    args: z.strictObject({
      importId: z.string().min(1).max(64),
      offset: z.number().int().nonnegative(),
      dataBase64: z
        .string()
        .min(4)
        .max(Math.ceil(STAGING_CHUNK_MAX / 3) * 4)
        .regex(/^[A-Za-z0-9+/]*={0,2}$/),
    }),
    run: (args) => {
      const found = lookup(args.importId);
      if (!found.ok) return found;
      const row = found.value;
      if (row.status !== 'uploading' || !row.staged_file) {
        return fail('CONFLICT', `Import is ${row.status}, not uploading`);
      }
      if (args.offset !== row.received_bytes) {
        return fail('CONFLICT', `Expected offset ${row.received_bytes}`, ['offset']);
      }
      const data = Buffer.from(args.dataBase64, 'base64');
      if (data.length === 0 || data.length > STAGING_CHUNK_MAX) {
        return fail('INVALID_ARGS', 'Chunk must hold 1 byte to 1 MiB', ['dataBase64']);
      }
      if (row.received_bytes + data.length > row.size_bytes) {
        return fail('INVALID_ARGS', 'More bytes than announced', ['dataBase64']);
      }
      appendStagedChunk(row.staged_file, key, row.id, args.offset, data);
      const receivedBytes = row.received_bytes + data.length;
      sqlite
        .prepare('UPDATE registry_imports SET received_bytes = ? WHERE id = ?')
        .run(receivedBytes, row.id);
      return ok({ receivedBytes });
    },
  });

  app.method('registry-import-start', {
    role: 'supervisor',
    args: z.strictObject({ importId: z.string().min(1).max(64) }),
    run: async (args, ctx) => {
      const found = lookup(args.importId);
      if (!found.ok) return found;
      const row = found.value;
      const isUploaded = row.status === 'uploading' && row.received_bytes === row.size_bytes;
      if (!isUploaded && row.status !== 'interrupted') {
        return fail(
          'CONFLICT',
          `Import is ${row.status}; upload it fully or resume an interrupted one`,
        );
      }
      if (running.size > 0 || isRollingBack()) {
        return fail('CONFLICT', 'Another import is running or being rolled back');
      }
      if (!row.staged_file) return fail('CONFLICT', 'The uploaded file is gone; upload it again');
      const isResume = row.status === 'interrupted';
      await recordAudit(deps, deps.db, ctx.session, 'registry.import-started', {
        importId: row.id,
        sizeBytes: row.size_bytes,
        isResume,
        recordsDone: row.records_done,
      });
      start(row, ctx);
      return ok(toSummary(getImport(sqlite, row.id) as RegistryImportRow));
    },
  });

  const start = (row: RegistryImportRow, ctx: CallContext) => {
    const controller = new AbortController();
    const file = row.staged_file as string;
    let lastPush = 0;
    const push = (p: ImportProgress, isFinal = false) => {
      const at = performance.now();
      if (!isFinal && at - lastPush < PROGRESS_INTERVAL_MS) return;
      lastPush = at;
      ctx.push('progress', {
        taskId: p.importId,
        done: p.bytesDone,
        total: p.bytesTotal,
        label: `${p.rowsRead} baris dibaca, ${p.rowsRejected} ditolak`,
      });
    };
    const done = importExtract(deps, {
      importId: row.id,
      open: () => readStaged(file, key, row.id),
      startedBy: officerName(ctx.session),
      now,
      codeLists: deps.codeLists,
      signal: controller.signal,
      onProgress: (p) => push(p),
    }).then(async (summary) => {
      running.delete(row.id);
      const finished = getImport(sqlite, row.id) as RegistryImportRow;
      deleteStaged(file);
      sqlite.prepare('UPDATE registry_imports SET staged_file = NULL WHERE id = ?').run(row.id);
      // Audited before the last push: whoever is told "finished" finds the whole record.
      await recordAudit(deps, deps.db, SYSTEM, 'registry.import-finished', {
        importId: row.id,
        ...counts(finished),
      });
      push(
        {
          importId: row.id,
          bytesDone: row.size_bytes,
          bytesTotal: row.size_bytes,
          rowsRead: summary.rowsRead,
          rowsAccepted: summary.rowsAccepted,
          rowsRejected: summary.rowsRejected,
        },
        true,
      );
      return summary;
    });
    // A bug or a dead disk: the row stays 'running' and is found interrupted at the next start.
    done.catch((error: unknown) => {
      running.delete(row.id);
      deps.ports.log.error('Import failed unexpectedly', {
        importId: row.id,
        error: String(error),
      });
    });
    running.set(row.id, { controller, done });
  };

  app.method('registry-import-cancel', {
    role: 'supervisor',
    args: z.strictObject({ importId: z.string().min(1).max(64) }),
    run: async (args, ctx) => {
      const found = lookup(args.importId);
      if (!found.ok) return found;
      const active = running.get(args.importId);
      if (active) {
        active.controller.abort();
        await active.done.catch(() => undefined);
      } else if (isRollingBack(args.importId)) {
        return fail('CONFLICT', 'This import is being rolled back already');
      } else if (['interrupted', 'rolling_back'].includes(found.value.status)) {
        await cancelImport(sqlite, args.importId, now().toISOString());
      } else if (found.value.status === 'uploading') {
        sqlite
          .prepare("UPDATE registry_imports SET status = 'cancelled', finished_at = ? WHERE id = ?")
          .run(now().toISOString(), args.importId);
      } else {
        return fail('CONFLICT', `Import is ${found.value.status}; nothing to cancel`);
      }
      const row = getImport(sqlite, args.importId) as RegistryImportRow;
      deleteStaged(row.staged_file);
      sqlite.prepare('UPDATE registry_imports SET staged_file = NULL WHERE id = ?').run(row.id);
      await recordAudit(deps, deps.db, ctx.session, 'registry.import-cancelled', {
        importId: row.id,
        ...counts(row),
      });
      return ok(toSummary(getImport(sqlite, row.id) as RegistryImportRow));
    },
  });

  app.method('registry-import-list', {
    role: 'supervisor',
    args: z.strictObject({ limit: z.number().int().min(1).max(200) }),
    run: (args) => {
      const rows = sqlite
        .prepare('SELECT * FROM registry_imports ORDER BY created_at DESC, id DESC LIMIT ?')
        .all(args.limit) as RegistryImportRow[];
      return ok(rows.map(toSummary));
    },
  });

  app.method('registry-import-rejects', {
    role: 'supervisor',
    args: z.strictObject({
      importId: z.string().min(1).max(64),
      offset: z.number().int().nonnegative(),
      limit: z.number().int().min(1).max(500),
    }),
    run: (args) => {
      const found = lookup(args.importId);
      if (!found.ok) return found;
      const total = sqlite
        .prepare('SELECT count(*) FROM registry_import_rejects WHERE import_id = ?')
        .pluck()
        .get(args.importId) as number;
      const rows = sqlite
        .prepare(
          `SELECT line, nik, code, message_id, message_en FROM registry_import_rejects
           WHERE import_id = ? ORDER BY line LIMIT ? OFFSET ?`,
        )
        .all(args.importId, args.limit, args.offset) as Array<{
        line: number;
        nik: string | null;
        code: string;
        message_id: string;
        message_en: string;
      }>;
      return ok({
        total,
        items: rows.map((r) => ({
          line: r.line,
          nik: r.nik,
          code: r.code,
          message: { id: r.message_id, en: r.message_en },
        })),
      });
    },
  });
}
