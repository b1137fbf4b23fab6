import { randomBytes } from 'node:crypto';
import { connect } from 'nats';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { InProcessBus, type EventBus } from './bus.js';
import { NatsBus } from './nats-bus.js';

const NATS_URL = process.env.BLUELINE_TEST_NATS;

const streams: string[] = [];

/** A fresh stream and subject prefix per test, so runs never see each other's events; removed after. */
function natsOptions() {
  const tag = randomBytes(4).toString('hex');
  streams.push(`BLUELINE_TEST_${tag}`);
  return { url: NATS_URL as string, stream: `BLUELINE_TEST_${tag}`, subjectPrefix: `test${tag}`, maxAgeSeconds: 60 };
}

afterAll(async () => {
  if (!NATS_URL || streams.length === 0) return;
  const nc = await connect({ servers: NATS_URL });
  const jsm = await nc.jetstreamManager();
  for (const name of streams) await jsm.streams.delete(name).catch(() => false);
  await nc.close();
});

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting for the bus');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const implementations: [string, () => Promise<EventBus>][] = [['in-process', () => Promise.resolve(new InProcessBus())]];
if (NATS_URL) implementations.push(['NATS JetStream', () => NatsBus.connect(natsOptions())]);

// The contract every bus keeps, run against each implementation.
describe.each(implementations)('%s bus', (_name, make) => {
  const open: EventBus[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((b) => b.close()));
  });
  const bus = async () => {
    const b = await make();
    open.push(b);
    return b;
  };

  it('delivers to this process at once, by topic prefix, in order, and stops after unsubscribe', async () => {
    const b = await bus();
    const seen: string[] = [];
    const off = b.subscribe('hits.', (topic, payload) => seen.push(`${topic}:${String(payload)}`));
    await b.publish('hits.created', 1);
    await b.publish('cases.updated', 2);
    await b.publish('hits.created', 3);
    expect(seen).toEqual(['hits.created:1', 'hits.created:3']);
    off();
    await b.publish('hits.created', 4);
    expect(seen).toEqual(['hits.created:1', 'hits.created:3']);
  });

  it('keeps delivering to others when a handler throws', async () => {
    const b = await bus();
    const seen: number[] = [];
    b.subscribe('x', () => {
      throw new Error('boom');
    });
    b.subscribe('x', (_t, p) => seen.push(p as number));
    await b.publish('x', 7);
    expect(seen).toEqual([7]);
  });
});

describe.skipIf(!NATS_URL)('NATS JetStream bus between processes', () => {
  it('carries an event to another hub process once, and not back to its sender twice', async () => {
    const options = natsOptions();
    const [a, b] = await Promise.all([NatsBus.connect(options), NatsBus.connect(options)]);
    try {
      const atA: unknown[] = [];
      const atB: unknown[] = [];
      a.subscribe('documents.changed', (_t, p) => atA.push(p));
      b.subscribe('documents.changed', (_t, p) => atB.push(p));
      await new Promise((r) => setTimeout(r, 200));
      await a.publish('documents.changed', { added: 'X0050123' });
      await until(() => atB.length === 1);
      await new Promise((r) => setTimeout(r, 200));
      expect(atA).toEqual([{ added: 'X0050123' }]);
      expect(atB).toEqual([{ added: 'X0050123' }]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
