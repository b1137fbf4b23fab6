import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../src/hub/testing.js';
import { testBackend } from '../src/storage/testing.js';

// Over a real socket, not inject: request bodies arrive before the first answer is asked for.
describe(`the NDJSON search stream over real HTTP on ${testBackend}`, () => {
  let hub: TestHub;
  let url: string;
  beforeAll(async () => {
    hub = await startTestHub();
    await hub.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(hub.app.server.address() as { port: number }).port}/api/v1/documents/search/stream`;
  });
  afterAll(async () => hub.close());

  it('answers every line, in order, including lines sent before the first answer', async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => JSON.stringify({ number: `P${100000 + i}`, ref: `r${i}` }));
    lines.splice(2500, 0, '{broken');
    const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${hub.adminToken}`, 'content-type': 'application/x-ndjson' }, body: `${lines.join('\r\n')}\n` });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/x-ndjson');
    const answers = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as { line: number; outcome: string; ref?: string });
    expect(answers).toHaveLength(5001);
    expect(answers.map((a) => a.line)).toEqual(Array.from({ length: 5001 }, (_, i) => i + 1));
    expect(answers[2500]).toMatchObject({ line: 2501, outcome: 'error' });
    expect(answers[0]).toMatchObject({ ref: 'r0', outcome: 'no_hit' });
    expect(answers[5000]).toMatchObject({ ref: 'r4999', outcome: 'no_hit' });
  });
});
