/**
 * Command-line arguments for valued's commands (`npm start`, `npm run migrate`,
 * `npm run import:postcodes`, the benchmarks), read with Node's own `parseArgs` in
 * strict mode: an unknown flag is an error, never silently ignored, and `--help`
 * prints the usage and does nothing else.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface Cli<O extends NonNullable<ParseArgsConfig['options']>> {
  /** The usage text `--help` prints, and an error repeats. */
  usage: string;
  options: O;
  /** Whether words without a flag (a file, a part's name) are accepted. */
  positionals?: boolean;
}

type Options = NonNullable<ParseArgsConfig['options']>;
const HELP = { help: { type: 'boolean', short: 'h' } } as const;
/** What parseArgs gives back for these options. */
type Config<O extends Options> = { args: string[]; options: O & typeof HELP; allowPositionals: true; strict: true };
export type Parsed<O extends Options> = ReturnType<typeof parseArgs<Config<O>>>;

/** A command line that cannot be followed; its message says why. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * Reads `argv` (without node and the script). Returns the values, or `'help'` when
 * `--help` (or `-h`) was asked for; throws UsageError for anything it does not know.
 */
export function readArgs<O extends Options>(cli: Cli<O>, argv: readonly string[]): Parsed<O> | 'help' {
  try {
    const parsed = parseArgs<Config<O>>({
      args: [...argv],
      options: { ...cli.options, ...HELP },
      // Typed as allowing them, so that `positionals` reads as string[]; refused at run time unless asked for.
      allowPositionals: (cli.positionals ?? false) as true,
      strict: true,
    });
    if ((parsed.values as { help?: boolean }).help) return 'help';
    return parsed;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/**
 * For a command's entry point: the parsed arguments, or, for `--help`, the usage on
 * stdout and exit 0; for a wrong argument, the reason and the usage on stderr and exit 2.
 */
export function argsOrExit<O extends Options>(cli: Cli<O>, argv: readonly string[] = process.argv.slice(2)): Parsed<O> {
  let parsed: Parsed<O> | 'help';
  try {
    parsed = readArgs(cli, argv);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${cli.usage.trimEnd()}\n`);
    process.exit(2);
  }
  if (parsed === 'help') {
    process.stdout.write(`${cli.usage.trimEnd()}\n`);
    process.exit(0);
  }
  return parsed;
}
