import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCluster, type Cluster } from '../../bin/cluster.js';
import { freePortFor } from '../../bin/ports.js';
import { portOpen } from '../../bin/temporal.js';

/**
 * A base port with its neighbours free: the Temporal server takes port, +1 to +3, +10 and
 * +100 to +103. Below Linux's ephemeral range (32768 up), where other tests' servers and
 * every outgoing connection take their ports.
 */
export async function temporalBase(): Promise<number> {
  for (;;) {
    const base = 20_000 + Math.floor(Math.random() * 12_000);
    const ports = [0, 1, 2, 3, 10, 100, 101, 102, 103].map((offset) => base + offset);
    if (!(await Promise.all(ports.map((port) => portOpen(port, '127.0.0.1')))).some(Boolean)) return base;
  }
}

/**
 * `npm run cluster`'s profile for a test, in `dataDir` (a new temporary folder unless given):
 * the demo seeded, quiet logs. Ports checked free can be taken before the servers bind them:
 * a start that fails so is tried again on others.
 */
export async function startTestCluster(options: { dataDir?: string; postgresPort?: number } = {}): Promise<{ cluster: Cluster; dataDir: string; recent: () => string[] }> {
  // What the replicas and the Temporal server said last (errors only), for a test to show when it fails.
  const lines: string[] = [];
  const say = (line: string) => {
    lines.push(`${new Date().toISOString()} ${line}`);
    if (lines.length > 200) lines.shift();
  };
  for (let attempt = 1; ; attempt++) {
    const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'survey-ops-cluster-'));
    try {
      const cluster = await startCluster({
        dataDir,
        appPorts: [await freePortFor(), await freePortFor()],
        postgresPort: options.postgresPort ?? (await freePortFor()),
        temporalPort: await temporalBase(),
        say,
        env: { LOG_LEVEL: 'error', DEMO_SEED: '1', WRITE_RATE_LIMIT: '1000000' },
      });
      return { cluster, dataDir, recent: () => [...lines] };
    } catch (err) {
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
      if (attempt === 3 || !/address already in use|port .* is taken|Temporal server exited|pg_ctl failed/i.test(String(err))) throw err;
    }
  }
}

/** Logs the demo users in through a replica; their tokens by name. */
export async function clusterTokens(url: string, users: readonly string[]): Promise<Map<string, string>> {
  const tokens = new Map<string, string>();
  for (const user of users) {
    const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: user, password: 'demo' }) });
    tokens.set(user, ((await res.json()) as { token: string }).token);
  }
  return tokens;
}
