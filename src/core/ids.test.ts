import { describe, expect, it } from 'vitest';
import { ID_PATTERN, newId } from './ids.js';

describe('ids', () => {
  it('match the id pattern and never repeat', () => {
    const ids = Array.from({ length: 10_000 }, () => newId('doc'));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids.slice(0, 100)) expect(id).toMatch(new RegExp(ID_PATTERN));
  });

  it('sort by the time they were made', () => {
    const times = [0, 1, 255, 256, 2 ** 40, 1_700_000_000_000, 1_700_000_000_001, 2 ** 47 - 1];
    const ids = times.map((t) => newId('hit', t));
    expect([...ids].sort()).toEqual(ids);
  });
});
