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
