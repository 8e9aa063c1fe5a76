/**
 * The README and docs/: every document is linked from the README, every relative link
 * and anchor leads somewhere, and the README's test command is the one CI runs.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

const DOCS = readdirSync('docs')
  .filter((f) => f.endsWith('.md'))
  .map((f) => join('docs', f));
const FILES = ['README.md', ...DOCS];

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');

function anchors(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1]!)));
}

function links(file: string): string[] {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((href) => !/^[a-z]+:/.test(href));
}

describe('the documents', () => {
  it('are all linked from the README', () => {
    const readme = links('README.md');
    for (const doc of DOCS) expect(readme, doc).toContain(doc);
  });

  it('link only to files and headings that exist', () => {
    const broken: string[] = [];
    for (const file of FILES) {
      for (const href of links(file)) {
        const [path, anchor] = href.split('#') as [string, string | undefined];
        const target = path === '' ? file : normalize(join(dirname(file), path));
        if (!existsSync(target)) broken.push(`${file}: ${href}`);
        else if (anchor !== undefined && target.endsWith('.md') && !anchors(target).has(anchor)) broken.push(`${file}: ${href}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('the README tests with the command CI runs', () => {
    expect(readFileSync('README.md', 'utf8')).toMatch(/## Test\n\n```sh\nnpm test\n```/);
    expect(readFileSync('.ci/run', 'utf8')).toMatch(/\nnpm test\n/);
  });
});
