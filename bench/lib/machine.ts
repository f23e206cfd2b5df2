import { cpus, loadavg, release, totalmem, type } from 'node:os';

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  os: string;
  node: string;
  sqlite: string;
  /** 1-minute load average at the start and the end: above the CPU count, others shared it. */
  load: { atStart: number; atEnd: number };
}

/** The 1-minute load average, rounded. */
export function loadNow(): number {
  return Math.round((loadavg()[0] ?? 0) * 10) / 10;
}

export function describeMachine(sqliteVersion: string, loadAtStart: number): Machine {
  const list = cpus();
  return {
    cpus: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${type()} ${release()}`,
    node: process.version,
    sqlite: sqliteVersion,
    load: { atStart: loadAtStart, atEnd: loadNow() },
  };
}
