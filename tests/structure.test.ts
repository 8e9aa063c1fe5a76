/**
 * The shape of src/: folders import one another in one direction only (no cycles,
 * type imports included), and the lower layers never reach up. Read with the
 * TypeScript compiler's own import scanner, so every import and export-from counts.
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
const LAYERS = ['domain', 'platform', 'understanding', 'store', 'conversation', 'queue', 'channels', 'delivery', 'effects', 'matching', 'http', 'console', 'app', 'cli', '(root)'];

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
