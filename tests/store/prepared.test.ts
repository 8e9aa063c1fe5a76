import { describe, expect, it } from 'vitest';
import { inlineConstants } from '../../src/store/prepared.js';

describe('inlineConstants (SQLite hot queries)', () => {
  it('writes constants into the text and keeps values as parameters, in order', () => {
    const compiled = inlineConstants('select * from "t" where "a" = ? and "b" = ? and "c" in (?, ?) limit ?', [
      { value: 0 },
      { constant: 'open' },
      { constant: 'pending' },
      { value: 1 },
      { constant: 1 },
    ]);
    expect(compiled.sql).toBe(`select * from "t" where "a" = ? and "b" = 'open' and "c" in ('pending', ?) limit 1`);
    expect(compiled.slots).toEqual([{ value: 0 }, { value: 1 }]);
  });

  it('quotes a constant with a quote in it and leaves what it cannot write as a parameter', () => {
    const buffer = Buffer.from('x');
    const compiled = inlineConstants('values (?, ?, ?, ?)', [{ constant: "it's" }, { constant: null }, { constant: buffer }, { constant: 1.5 }]);
    expect(compiled.sql).toBe(`values ('it''s', NULL, ?, ?)`);
    expect(compiled.slots).toEqual([{ constant: buffer }, { constant: 1.5 }]);
  });

  it('leaves question marks inside quoted strings and names alone', () => {
    const compiled = inlineConstants(`select 'what?' as "why?", ? from "t" where "x" = 'it''s ?' and "y" = ?`, [{ constant: 'a' }, { value: 0 }]);
    expect(compiled.sql).toBe(`select 'what?' as "why?", 'a' from "t" where "x" = 'it''s ?' and "y" = ?`);
    expect(compiled.slots).toEqual([{ value: 0 }]);
  });

  it('refuses text whose placeholders do not match its parameters', () => {
    expect(() => inlineConstants('select ?', [])).toThrow(/More placeholders/);
    expect(() => inlineConstants('select 1', [{ value: 0 }])).toThrow(/Fewer placeholders/);
    expect(() => inlineConstants(`select 'open`, [])).toThrow(/Unterminated/);
  });
});
