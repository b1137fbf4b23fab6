import { describe, expect, it } from 'vitest';
import { InProcessBus } from './bus.js';

describe('in-process bus', () => {
  it('delivers by topic prefix, in order, and stops after unsubscribe', async () => {
    const bus = new InProcessBus();
    const seen: string[] = [];
    const off = bus.subscribe('hits.', (topic, payload) => seen.push(`${topic}:${String(payload)}`));
    await bus.publish('hits.created', 1);
    await bus.publish('cases.updated', 2);
    await bus.publish('hits.created', 3);
    off();
    await bus.publish('hits.created', 4);
    expect(seen).toEqual(['hits.created:1', 'hits.created:3']);
  });

  it('keeps delivering to others when a handler throws', async () => {
    const errors: unknown[] = [];
    const bus = new InProcessBus((e) => errors.push(e));
    const seen: number[] = [];
    bus.subscribe('x', () => {
      throw new Error('boom');
    });
    bus.subscribe('x', (_t, p) => seen.push(p as number));
    await bus.publish('x', 7);
    expect(seen).toEqual([7]);
    expect(errors).toHaveLength(1);
  });
});
