/**
 * Hot queries built and compiled once. Building a Kysely query is the dearest part of a
 * small one (the turn's first read took 0.7 ms to build and 0.09 ms to run), so the
 * queries every message runs are built once per database with markers where their
 * values go, compiled, and from then on only their values change: the SQL text is the
 * same each time, so SQLite's statement cache (and PostgreSQL's plan for it) is reused.
 *
 * Only for queries whose values are never sealed (ids, statuses, times): compiling
 * skips the sealing plugin's rewriting of values, though results are still opened by
 * it, as they are executed through the same Kysely instance. With any other plugin
 * in place the query is built and compiled as usual, so that plugin sees it.
 */
import { createHash } from 'node:crypto';
import { CompiledQuery, SqliteAdapter, type Compilable, type Kysely } from 'kysely';
import type { Executor } from './database.js';
import type { Database } from './schema.js';
import { SealingPlugin } from './sealing.js';

/**
 * PostgreSQL: the hot queries' SQL, each with the name it is prepared under (once per
 * connection, then only bound and run: see instrument in database.ts). Their plans
 * do not turn on their values (a row by its key, a person's next message), so the
 * plan PostgreSQL keeps for a prepared statement serves every call.
 */
export const PREPARED_NAMES = new Map<string, string>();

/**
 * Names a text by a hash of it, so a name means the same statement in every process
 * and release: behind a pooler that hands one process's server connection to
 * another, a name already prepared there is then the same statement, never another.
 */
function nameOnPostgres(text: string): void {
  if (!PREPARED_NAMES.has(text)) PREPARED_NAMES.set(text, `valued_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`);
}

/** Where the `i`th value goes (a string no one would send: it must not be a real value). */
type Marker = (i: number) => string;
const MARKER = '\u0000valued-param-';
const marker: Marker = (i) => `${MARKER}${i}\u0000`;

interface Compiled {
  sql: string;
  /** For each parameter: the index of the value it takes, or the constant itself. */
  slots: ({ value: number } | { constant: unknown })[];
}

export interface Prepared<R> {
  /** Runs the query with `values` in place of its markers, returning its rows (opened when sealed). */
  execute(db: Executor, values: readonly unknown[]): Promise<R[]>;
  /** The same for a write: its rows (with RETURNING) and how many rows it changed. */
  run(db: Executor, values: readonly unknown[]): Promise<{ rows: R[]; changed: number }>;
}

export function prepared<R>(build: (db: Kysely<Database>, at: Marker) => Compilable<R>): Prepared<R> {
  // One compilation per database adapter (SQLite and PostgreSQL write different SQL).
  const cache = new WeakMap<object, Compiled>();
  const compile = (db: Executor): Compiled => {
    const adapter = db.getExecutor().adapter;
    let compiled = cache.get(adapter);
    if (!compiled) {
      const query = build(db.withoutPlugins(), marker).compile();
      const slots = query.parameters.map((p) =>
        typeof p === 'string' && p.startsWith(MARKER) ? { value: Number(p.slice(MARKER.length, -1)) } : { constant: p },
      );
      if (adapter instanceof SqliteAdapter) compiled = inlineConstants(query.sql, slots);
      else {
        compiled = { sql: query.sql, slots };
        nameOnPostgres(compiled.sql);
      }
      cache.set(adapter, compiled);
    }
    return compiled;
  };
  const run = async (db: Executor, values: readonly unknown[]) => {
    if (!db.getExecutor().plugins.every((p) => p instanceof SealingPlugin)) {
      // Another plugin (a test's fault injection, say) must see the query: build it as usual.
      const result = await db.executeQuery<R>(build(db, (i) => values[i] as string));
      return { rows: result.rows, changed: Number(result.numAffectedRows ?? result.rows.length) };
    }
    const { sql, slots } = compile(db);
    const parameters = slots.map((slot) => ('value' in slot ? values[slot.value] : slot.constant));
    const result = await db.executeQuery<R>(CompiledQuery.raw(sql, parameters));
    return { rows: result.rows, changed: Number(result.numAffectedRows ?? result.rows.length) };
  };
  return {
    async execute(db, values) {
      return (await run(db, values)).rows;
    },
    run,
  };
}

/** A constant as an SQL literal, or undefined when it must stay a parameter. */
function literal(value: unknown): string | undefined {
  if (value === null) return 'NULL';
  // In brackets when negative: "-?" with -5 would otherwise read "--5", a comment.
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value < 0 ? `(${value})` : String(value);
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
  return undefined;
}

/**
 * SQLite: the query's constants (statuses, limits) written into its text, its values
 * left as parameters. A parameter compared with a column that a partial index's WHERE
 * names (asks' open status, outbound's unsent ones) makes SQLite prepare the statement
 * again every time a value is bound to it (it checks whether that index could serve
 * the value), which cost the turn's read 80 to 100 µs of its 90 to 120. Constants here
 * come from the code that built the query, never from a person: values are markers.
 */
export function inlineConstants(text: string, slots: Compiled['slots']): Compiled {
  let out = '';
  let slot = 0;
  const kept: Compiled['slots'] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'" || c === '"') {
      // Copy a quoted string or name whole (a doubled quote inside it is part of it).
      let j = i + 1;
      for (;;) {
        if (j >= text.length) throw new Error('Unterminated quote in compiled SQL');
        if (text[j] === c) {
          if (text[j + 1] === c) j += 2;
          else break;
        } else j++;
      }
      out += text.slice(i, j + 1);
      i = j;
    } else if (c === '?') {
      const s = slots[slot++];
      if (!s) throw new Error('More placeholders than parameters in compiled SQL');
      const inline = 'constant' in s ? literal(s.constant) : undefined;
      if (inline === undefined) {
        out += '?';
        kept.push(s);
      } else out += inline;
    } else out += c;
  }
  if (slot !== slots.length) throw new Error('Fewer placeholders than parameters in compiled SQL');
  return { sql: out, slots: kept };
}

/** At most this many texts are named (a bound on what each connection keeps prepared). */
const MAX_NAMED = 256;

/**
 * A query built at run time, compiled as usual (plugins included), and on PostgreSQL
 * sent as a named prepared statement (see PREPARED_NAMES) once its text is known: for
 * a query of a handful of texts whose plan does not turn on its values, such as the
 * candidate search (one index read per pick whatever the need; lists as one array
 * each, so that their lengths do not make new texts). Each text costs every
 * connection its plan (up to hundreds of KB), so past MAX_NAMED, new ones go unnamed.
 */
export function named<R>(db: Executor, query: Compilable<R>): CompiledQuery<R> {
  const compiled = query.compile();
  if (!isSqlite(db) && PREPARED_NAMES.size < MAX_NAMED) nameOnPostgres(compiled.sql);
  return compiled;
}

/**
 * A table's every column, spelt out, for a prepared statement to read or return: on
 * PostgreSQL one whose columns change (a later release adding one, in a rolling
 * deploy) is refused ("cached plan must not change result type"), so `*` will not do.
 * Fails to compile when the table gains a column the list leaves out.
 */
export function everyColumn<Table>() {
  return <const Columns extends readonly (keyof Table & string)[]>(
    columns: Columns & (Exclude<keyof Table, Columns[number]> extends never ? unknown : { missing: Exclude<keyof Table, Columns[number]> }),
  ): Columns => columns;
}

/** Whether `db` is SQLite (constants written into the SQL, no named statements, IN lists rather than arrays). */
export function isSqlite(db: Executor): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}
