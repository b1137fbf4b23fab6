import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blueline, firstLogin, freePort, json, kill, startBlueline, waitFor } from './support/processes.js';

/**
 * Exactly once across crashes, with real processes: a hub and two member
 * nodes, each its own `blueline` process; one of them SIGKILLed while a
 * thousand messages are under way, then started again on the same data.
 * The processes use their default embedded storage whatever the suite's
 * variant, so the PostgreSQL and NATS runs of the suite skip it.
 */
describe.skipIf(Boolean(process.env.BLUELINE_TEST_PG || process.env.BLUELINE_TEST_NATS))('messages arrive exactly once when a process is killed', () => {
  let dir: string;
  let hubDir: string;
  let hubPort: number;
  let nodePort: number;
  let hub: ChildProcess;
  const nodes: Record<'gb' | 'fr', { dir: string; child?: ChildProcess; url?: string; token?: string; orgId: string; port: number }> = {
    gb: { dir: '', orgId: '', port: 0 },
    fr: { dir: '', orgId: '', port: 0 },
  };

  const startHub = async () => {
    ({ child: hub } = await startBlueline(['hub', '--data-dir', hubDir, '--port', String(hubPort), '--node-port', String(nodePort)], /Member nodes connect to/));
  };
  const startNode = async (name: 'gb' | 'fr') => {
    const n = nodes[name];
    const { child, match } = await startBlueline(['node', '--data-dir', n.dir, '--port', String(n.port)], /listening on (http:\/\/\S+)/);
    n.child = child;
    n.url = match[1] as string;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'blueline-msgcrash-'));
    hubDir = join(dir, 'hub');
    [hubPort, nodePort, nodes.gb.port, nodes.fr.port] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    const init = await blueline('hub', 'init', '--data-dir', hubDir);
    await startHub();
    const hubUrl = `http://127.0.0.1:${hubPort}`;
    const admin = await firstLogin(hubUrl, 'admin', /First password[^:]*: (\S+)/.exec(init)?.[1] ?? '');
    for (const [name, country] of [['gb', 'GB'], ['fr', 'FR']] as const) {
      const { items } = await json<{ items: { id: string }[] }>(await fetch(`${hubUrl}/api/v1/organisations?kind=ncb&country=${country}`, { headers: { authorization: `Bearer ${admin}` } }));
      const n = nodes[name];
      n.orgId = items[0]?.id ?? '';
      n.dir = join(dir, name);
      const { token } = await json<{ token: string }>(await fetch(`${hubUrl}/api/v1/organisations/${n.orgId}/enrolment-tokens`, { method: 'POST', headers: { authorization: `Bearer ${admin}` } }));
      const enrolled = await blueline('node', 'enrol', '--hub', `https://127.0.0.1:${nodePort}`, '--token', token, '--data-dir', n.dir);
      await startNode(name);
      n.token = await firstLogin(n.url as string, 'admin', /First password[^:]*: (\S+)/.exec(enrolled)?.[1] ?? '');
    }
  }, 120_000);

  afterAll(async () => {
    await Promise.all([hub, nodes.gb.child, nodes.fr.child].filter((c): c is ChildProcess => c !== undefined).map((c) => kill(c, 'SIGTERM')));
    await rm(dir, { recursive: true, force: true });
  });

  /** Composes `count` messages at the UK's node, a few at a time; calls `midway` after the first third. */
  async function send(count: number, tag: string, midway: () => Promise<void>): Promise<string[]> {
    const ids: string[] = [];
    let next = 0;
    let halted: Promise<void> | undefined;
    const worker = async () => {
      while (next < count) {
        const i = next++;
        if (i === Math.floor(count / 3)) halted = midway();
        const res = await fetch(`${nodes.gb.url}/api/v1/messages`, {
          method: 'POST',
          headers: { authorization: `Bearer ${nodes.gb.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ audience: { kind: 'agencies', ids: [nodes.fr.orgId] }, priority: 'routine', handling: { code: 'H0' }, crimeAreas: ['cybercrime'], subject: `${tag} ${i}`, body: `message ${i} of ${count}` }),
        });
        ids.push((await json<{ id: string }>(res)).id);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    await halted;
    return ids;
  }

  function receivedAtFrance(): string[] {
    const db = new BetterSqlite3(join(nodes.fr.dir, 'node.sqlite'), { readonly: true });
    try {
      return (db.prepare('select id from inbox').all() as { id: string }[]).map((r) => r.id);
    } finally {
      db.close();
    }
  }

  async function expectExactlyOnce(sent: string[]): Promise<void> {
    const wanted = new Set(sent);
    expect(wanted.size).toBe(sent.length);
    const received = await waitFor('every message at the recipient', async () => {
      const ids = receivedAtFrance().filter((id) => wanted.has(id));
      return ids.length >= sent.length ? ids : undefined;
    }, 90_000);
    expect(received.length).toBe(sent.length);
    expect(new Set(received).size).toBe(sent.length);
    const hubDb = new BetterSqlite3(join(hubDir, 'blueline.sqlite'), { readonly: true });
    try {
      const stored = hubDb.prepare(`select count(*) as n from messages where id in (${sent.map(() => '?').join(',')})`).get(...sent) as { n: number };
      expect(stored.n).toBe(sent.length);
    } finally {
      hubDb.close();
    }
  }

  it('through a hub SIGKILLed and restarted while a node sends 1,000', async () => {
    const sent = await send(1000, 'hub-crash', async () => {
      await kill(hub);
      await new Promise((r) => setTimeout(r, 500));
      await startHub();
    });
    await expectExactlyOnce(sent);
  }, 180_000);

  it('to a recipient node SIGKILLed and restarted while 1,000 are on their way to it', async () => {
    const sent = await send(1000, 'node-crash', async () => {
      await kill(nodes.fr.child as ChildProcess);
      await new Promise((r) => setTimeout(r, 500));
      await startNode('fr');
    });
    await expectExactlyOnce(sent);
  }, 180_000);
});
