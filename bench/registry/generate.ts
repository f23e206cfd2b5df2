import { writeSyntheticExtract } from '../../electron/core/demo/extract';
import { msSince } from '../lib/stats';
import { villageCodes, type VillageSet } from './villages';

export interface GenerateJob {
  csvFile: string;
  residents: number;
  seed: number;
  villages: VillageSet;
}

export interface GenerateResult {
  residents: number;
  families: number;
  bytes: number;
  seconds: number;
}

/** Phase 1: the synthetic extract in the import layout (electron/core/demo/extract.ts). */
export async function generatePhase(job: GenerateJob): Promise<GenerateResult> {
  const started = process.hrtime.bigint();
  const written = await writeSyntheticExtract(job.csvFile, {
    residents: job.residents,
    seed: job.seed,
    villageCodes: villageCodes(job.villages),
  });
  return { ...written, seconds: msSince(started) / 1000 };
}
