/** What every bench accepts besides its own options. */
export interface CommonBenchOptions {
  /** Keep the temporary folders for a look afterwards (--keep). */
  keep: boolean;
  /** Where the temporary folders are made (--work-dir DIR). */
  workDir: string;
}

/**
 * The command line of a bench: each option in `valued` takes the next argument (undefined when
 * there is none: the handler says what it needs), and --keep, --work-dir DIR and --help work the
 * same for every bench. Fills `options` in place and returns it; an unknown option throws with
 * the bench's usage text.
 */
export function parseBenchArgs<T extends CommonBenchOptions>(
  argv: readonly string[],
  usage: string,
  options: T,
  valued: Record<string, (value: string | undefined, name: string) => void>,
): T {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    const value = argv[i + 1];
    const take = Object.hasOwn(valued, arg) ? valued[arg] : undefined;
    if (take) {
      take(value, arg);
      i += 1;
      continue;
    }
    switch (arg) {
      case '--keep':
        options.keep = true;
        break;
      case '--work-dir':
        if (!value) throw new Error(`--work-dir needs a folder\n${usage}`);
        options.workDir = value;
        i += 1;
        break;
      case '--help':
        console.log(usage);
        process.exit(0);
        break;
      default:
        throw new Error(`Unknown option ${arg}\n${usage}`);
    }
  }
  return options;
}

/**
 * The reader of a bench's numeric options: number(name, value, min, max) is the value as a number
 * (underscores allowed: 10_000), or an error naming the range, followed by the bench's usage.
 */
export function numberReader(
  usage: string,
): (name: string, value: string | undefined, min: number, max: number) => number {
  return (name, value, min, max) => {
    const n = Number(value?.replaceAll('_', ''));
    if (!Number.isFinite(n) || n < min || n > max) {
      throw new Error(`${name} needs a number from ${min} to ${max}\n${usage}`);
    }
    return n;
  };
}

/** A --seed value: a whole number from 1 up. */
export function seedOption(
  number: ReturnType<typeof numberReader>,
  name: string,
  value: string | undefined,
): number {
  return Math.round(number(name, value, 1, Number.MAX_SAFE_INTEGER));
}
