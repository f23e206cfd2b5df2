import type { Clock, Logger } from './ports';

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to; for tests and reproducible demo data. */
export function fixedClock(start: string): Clock & { advance(ms: number): void } {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    advance: (ms) => {
      current += ms;
    },
  };
}

export function consoleLogger(prefix: string): Logger {
  const line = (level: string, message: string, detail?: Record<string, unknown>) =>
    `${new Date().toISOString()} ${level} [${prefix}] ${message}${detail ? ` ${JSON.stringify(detail)}` : ''}`;
  return {
    info: (message, detail) => console.log(line('INFO', message, detail)),
    warn: (message, detail) => console.warn(line('WARN', message, detail)),
    error: (message, detail) => console.error(line('ERROR', message, detail)),
  };
}
