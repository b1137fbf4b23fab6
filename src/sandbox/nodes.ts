import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { systemPrincipal } from '../access/principal.js';
import type { RunningHub } from '../hub/server.js';
import { NODE_ACTOR } from '../node/audit/local-audit.js';
import { enrolNode } from '../node/enrol.js';
import { nodeFiles } from '../node/files.js';
import { startNode, type RunningNode } from '../node/server.js';
import { userStore } from '../node/accounts/user-store.js';
import { organisationStore } from '../registry/organisations/store.js';
import type { Organisation } from '../registry/organisations/schema.js';
import type { Executor } from '../storage/database.js';
import { HEATHROW } from './seed.js';

/** The member nodes of the sandbox: the UK's NCB, a UK border agency under it, and France's NCB. */
export const SANDBOX_NODES = [
  { dir: 'gb-ncb', label: 'NCB United Kingdom', org: (db: Executor) => organisationStore.ncbOf(db, 'GB') },
  { dir: 'gb-heathrow', label: 'Border Force Heathrow', org: (db: Executor) => agencyNamed(db, HEATHROW) },
  { dir: 'fr-ncb', label: 'NCB France', org: (db: Executor) => organisationStore.ncbOf(db, 'FR') },
] as const;

async function agencyNamed(db: Executor, name: string): Promise<Organisation | undefined> {
  const row = await db.selectFrom('organisations').select('id').where('kind', '=', 'agency').where('name', '=', name).executeTakeFirst();
  return row && organisationStore.get(db, row.id);
}

export interface SandboxNode {
  label: string;
  node: RunningNode;
  /** The node's first administrator and first password; `changed` once they chose their own. */
  firstLogin: { username: string; password: string; changed: boolean } | null;
}

export type NodeLogins = Record<string, { username: string; password: string }>;

/**
 * Enrols each sandbox node that is not enrolled yet (a token from the hub's
 * own enrolment service, then the real enrolment over mutual TLS), starts
 * them all, and on first creation leaves a demo message in France's inbox.
 */
export async function startSandboxNodes(hub: RunningHub, root: string, ports: (i: number) => number, scryptCost: number, logins: NodeLogins): Promise<SandboxNode[]> {
  const made: boolean[] = [];
  const started: SandboxNode[] = [];
  try {
    for (const [i, spec] of SANDBOX_NODES.entries()) {
      const dataDir = join(root, 'nodes', spec.dir);
      made[i] = !existsSync(nodeFiles(dataDir).identity);
      if (made[i]) {
        const org = await spec.org(hub.ctx.database.db);
        if (!org) throw new Error(`the sandbox hub has no organisation for ${spec.label}; delete the sandbox folder and start again`);
        const { token } = await hub.ctx.enrolment.createToken(systemPrincipal('sandbox', hub.ctx.hubOrgId, ['organisations:write']), org);
        const enrolled = await enrolNode({ hubUrl: hub.nodeUrl, token, dataDir, scryptCost });
        logins[spec.dir] = { username: enrolled.adminUsername, password: enrolled.adminPassword };
      }
      const node = await startNode({ dataDir, port: ports(i), logger: false, settings: { hubUrl: hub.nodeUrl, scryptCost } });
      const login = logins[spec.dir];
      const user = login && (await userStore.byUsername(node.ctx.database.db, login.username));
      started.push({ label: spec.label, node, firstLogin: login ? { ...login, changed: user?.must_change_password !== 1 } : null });
    }
    if (made[0] && made[2]) await sendDemoMessage(started[0]?.node as RunningNode, started[2]?.node as RunningNode);
    return started;
  } catch (error) {
    await Promise.all(started.map((s) => s.node.close()));
    throw error;
  }
}

async function sendDemoMessage(from: RunningNode, to: RunningNode): Promise<void> {
  await from.ctx.composer.compose(NODE_ACTOR, {
    audience: { kind: 'agencies', ids: [to.orgId] },
    priority: 'urgent',
    handling: { code: 'H1' },
    crimeAreas: ['organised-crime'],
    caseId: null,
    content: {
      subject: 'Demo: stolen blank passports (range X0050000–X0050999)',
      body: 'A consignment of 1,000 blank UK passport booklets was stolen in transit. Please alert your border posts; any hit comes to NCB London through Blueline.\n\n(This is sandbox demo data.)',
      attachments: [],
    },
  });
  from.ctx.wake.outbox();
}
