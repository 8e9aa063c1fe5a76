/**
 * The shape of src/: folders import one another in one direction only (no cycles,
 * type imports included), and the lower layers never reach up. Read with the
 * TypeScript compiler's own import scanner, so every import and export-from counts.
 * And SQL is built only in src/store: everywhere else calls a repository function.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = resolve('src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** The folder under src/ a file is in ("(root)" for src/main.ts). */
const folderOf = (file: string) => {
  const parts = relative(SRC, file).split('/');
  return parts.length > 1 ? parts[0]! : '(root)';
};

/** Every import between files of src/, as folder edges with the file pairs behind them. */
function edges(): Map<string, Map<string, string[]>> {
  const out = new Map<string, Map<string, string[]>>();
  for (const file of files(SRC)) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const ref of info.importedFiles) {
      if (!ref.fileName.startsWith('.')) continue;
      const target = resolve(dirname(file), ref.fileName.replace(/\.js$/, '.ts'));
      if (!target.startsWith(SRC)) continue; // migrations/ and the like
      const [from, to] = [folderOf(file), folderOf(target)];
      if (from === to) continue;
      const byTarget = out.get(from) ?? new Map<string, string[]>();
      out.set(from, byTarget);
      byTarget.set(to, [...(byTarget.get(to) ?? []), `${relative(SRC, file)} -> ${relative(SRC, target)}`]);
    }
  }
  return out;
}

/** The layers, lowest first: a folder may import only from folders before it. */
const LAYERS = [
  'domain',
  'platform',
  'understanding',
  'store',
  'conversation',
  'queue',
  'channels',
  'delivery',
  'effects',
  'matching',
  'http',
  'console',
  'app',
  'cli',
  '(root)',
];

describe('the folders of src/', () => {
  const graph = edges();

  it('are all placed in a layer', () => {
    const folders = new Set(files(SRC).map(folderOf));
    expect([...folders].filter((f) => !LAYERS.includes(f))).toEqual([]);
  });

  it('import only from the layers below them, so the folder graph has no cycle', () => {
    const upward: string[] = [];
    for (const [from, targets] of graph) {
      for (const [to, pairs] of targets) if (LAYERS.indexOf(to) > LAYERS.indexOf(from)) upward.push(...pairs);
    }
    expect(upward).toEqual([]);
  });

  it('keep storage free of the conversation, channels and matching: it holds state, never words for people', () => {
    expect([...(graph.get('store')?.keys() ?? [])].sort()).toEqual(['domain', 'platform'].filter((f) => graph.get('store')?.has(f)));
  });
});

/** Kysely's ways into a query: a file that calls one of these builds SQL. */
const QUERY_BUILDERS = new Set(['selectFrom', 'selectNoFrom', 'insertInto', 'replaceInto', 'updateTable', 'deleteFrom', 'mergeInto']);

/**
 * Where a file builds SQL, as "file:line what": a call of a query builder method
 * (db.selectFrom(...), trx.updateTable(...), eb.selectFrom(...)) or Kysely's sql
 * template (sql`...`, sql<T>`...`, sql.ref(...), sql.raw(...)). Read from the syntax
 * tree, so comments and strings that mention them do not count.
 */
function sqlBuilt(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const found: string[] = [];
  const at = (node: ts.Node, what: string) =>
    found.push(`${relative(SRC, file)}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1} ${what}`);
  const isSql = (node: ts.Node) => ts.isIdentifier(node) && node.text === 'sql';
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && QUERY_BUILDERS.has(node.expression.name.text))
      at(node, node.expression.name.text);
    if (ts.isTaggedTemplateExpression(node) && isSql(node.tag)) at(node, 'sql`...`');
    if (ts.isPropertyAccessExpression(node) && isSql(node.expression)) at(node, `sql.${node.name.text}`);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * Files outside src/store that still build SQL while their queries move into
 * repositories on another branch (issue 13, item 6). Remove this list once that
 * branch is merged: then no file outside src/store may build SQL at all.
 */
describe('SQL', () => {
  it('is built only in src/store: every other folder calls repository functions', () => {
    const outside = files(SRC).filter((f) => folderOf(f) !== 'store');
    expect(outside.flatMap(sqlBuilt)).toEqual([]);
  });

  it('is recognised in every form a query is built in', () => {
    const probe = join(SRC, 'store', 'database.ts');
    expect(sqlBuilt(probe).some((hit) => hit.endsWith('sql`...`'))).toBe(true);
    expect(sqlBuilt(join(SRC, 'store', 'members.repository.ts')).some((hit) => hit.endsWith('selectFrom'))).toBe(true);
    expect(sqlBuilt(join(SRC, 'store', 'console.repository.ts')).some((hit) => hit.endsWith('sql.ref'))).toBe(true);
  });
});
