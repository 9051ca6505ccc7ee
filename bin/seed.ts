import type { Unit } from '../domain/frame.js';
import { streams } from '../domain/events.js';
import { parseDefinition } from '../domain/survey/definition.js';
import { LFS_DEMO } from '../domain/survey/demo.js';
import type { Role } from '../domain/users.js';
import { hashPassword } from '../api/passwords.js';
import { ConcurrencyError } from '../eventstore/errors.js';
import type { EventStore } from '../eventstore/port.js';

export const DEMO_USERS: readonly { username: string; role: Role; areaCodes: string[] }[] = [
  { username: 'manager', role: 'manager', areaCodes: ['VN'] },
  { username: 'sup.hanoi', role: 'supervisor', areaCodes: ['01'] },
  { username: 'sup.hcm', role: 'supervisor', areaCodes: ['79'] },
  { username: 'enum.hanoi', role: 'enumerator', areaCodes: ['01'] },
  { username: 'enum.hcm', role: 'enumerator', areaCodes: ['79'] },
  { username: 'auditor', role: 'auditor', areaCodes: ['VN'] },
];

/** Demo households: five in each of the first four communes of Hà Nội and of Hồ Chí Minh City. */
export function demoHouseholds(): Unit[] {
  const units: Unit[] = [];
  for (const province of ['01', '79']) {
    for (let commune = 1; commune <= 4; commune++) {
      const areaCode = `${province}${String(commune).padStart(3, '0')}`;
      for (let h = 1; h <= 5; h++) units.push({ id: `HH${areaCode}${String(h).padStart(2, '0')}`, type: 'household', areaCode, name: `Hộ ${h}, xã ${areaCode}` });
    }
  }
  return units;
}

const metadata = () => ({ actor: 'system', correlationId: 'seed', causationId: null, workflowId: null, at: new Date().toISOString() });

async function appendOnce(store: EventStore, stream: string, type: string, data: unknown): Promise<boolean> {
  try {
    await store.append(stream, [{ type, data, metadata: metadata() }], { expected: 'no_stream' });
    return true;
  } catch (err) {
    if (err instanceof ConcurrencyError) return false;
    throw err;
  }
}

/** Seeds the demo users, the LFS survey and the demo frame; what exists already is left alone. */
export async function seedDemo(store: EventStore, options: { frame?: boolean } = {}): Promise<{ created: number }> {
  let created = 0;
  for (const user of DEMO_USERS) {
    const data = { id: user.username, username: user.username, role: user.role, areaCodes: user.areaCodes, passwordHash: await hashPassword('demo') };
    if (await appendOnce(store, streams.user(user.username), 'UserCreated', data)) created++;
  }
  const definition = parseDefinition(LFS_DEMO);
  if (await appendOnce(store, streams.survey(definition.code), 'SurveyDefined', { id: definition.code, definition })) created++;
  if (options.frame !== false && (await appendOnce(store, streams.frame('demo'), 'UnitsImported', { units: demoHouseholds() }))) created++;
  return { created };
}

/** Creates the first manager of a production install (national scope) unless that account exists. */
export async function ensureManager(store: EventStore, username: string, password: string): Promise<boolean> {
  if (password.length < 12) throw new Error('INITIAL_MANAGER_PASSWORD must have at least 12 characters');
  const data = { id: username, username, role: 'manager' as const, areaCodes: ['VN'], passwordHash: await hashPassword(password) };
  return appendOnce(store, streams.user(username), 'UserCreated', data);
}
