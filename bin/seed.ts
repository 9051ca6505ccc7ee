import type { Unit } from '../domain/frame.js';
import { streams } from '../domain/events.js';
import { demoGeography } from '../domain/geography/geography.js';
import { parseDefinition } from '../domain/survey/definition.js';
import { codeHash, enrolmentKey, enrolmentStreams } from '../domain/enrolment.js';
import { DN_THANG_DEMO, LFS_DEMO } from '../domain/survey/demo.js';
import type { Role } from '../domain/users.js';
import { hashPassword } from '../api/passwords.js';
import { ConcurrencyError } from '../eventstore/errors.js';
import type { EventStore } from '../eventstore/port.js';

export const DEMO_USERS: readonly { username: string; fullName: string; role: Role; areaCodes: string[] }[] = [
  { username: 'manager', fullName: 'Nguyễn Thị Minh Hằng', role: 'manager', areaCodes: ['VN'] },
  { username: 'sup.hanoi', fullName: 'Trần Văn Đức', role: 'supervisor', areaCodes: ['01'] },
  { username: 'sup.hcm', fullName: 'Lê Thị Thu Hà', role: 'supervisor', areaCodes: ['79'] },
  { username: 'enum.hanoi', fullName: 'Phạm Quốc Bảo', role: 'enumerator', areaCodes: ['01'] },
  { username: 'enum.hcm', fullName: 'Võ Thị Ngọc Ánh', role: 'enumerator', areaCodes: ['79'] },
  { username: 'auditor', fullName: 'Đỗ Minh Khôi', role: 'auditor', areaCodes: ['VN'] },
];

const FAMILIES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi'] as const;
// Heads' given names per city, so that no two demo households share a name.
const HEADS: Record<string, readonly string[]> = {
  '01': ['Văn Hùng', 'Thị Lan', 'Minh Tuấn', 'Thị Hoa', 'Quang Huy'],
  '79': ['Văn Phúc', 'Thị Mai', 'Hoàng Nam', 'Thị Thu', 'Đức Long'],
};

/**
 * Demo households: five in each of the first four communes of Hà Nội and of Hồ Chí Minh City,
 * each named after its head and found at a hamlet of its commune.
 */
export function demoHouseholds(): Unit[] {
  const units: Unit[] = [];
  for (const province of ['01', '79']) {
    for (let commune = 1; commune <= 4; commune++) {
      const areaCode = `${province}${String(commune).padStart(3, '0')}`;
      const place = demoGeography().get(areaCode)?.name ?? areaCode;
      for (let h = 1; h <= 5; h++) {
        const name = `Hộ ${FAMILIES[(commune - 1) * 2 + (h % 2)]} ${HEADS[province]![h - 1]}`;
        units.push({ id: `HH${areaCode}${String(h).padStart(2, '0')}`, type: 'household', areaCode, name, address: `Thôn ${h}, ${place}` });
      }
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

/** Demo enterprises answering the monthly report themselves: three in Hà Nội, two in Hồ Chí Minh City, with what the register knows of each. */
export const DEMO_ENTERPRISES: readonly Unit[] = [
  { id: 'DN0100101', type: 'enterprise', areaCode: '01001', name: 'Công ty TNHH Sông Hồng', address: '12 Phố Huế', attributes: { tax_code: '0101234567', sector: 'C', size: 'small', employees_last_year: 40 } },
  { id: 'DN0100102', type: 'enterprise', areaCode: '01001', name: 'Công ty CP May Thăng Long', address: '5 Hàng Bài', attributes: { tax_code: '0102345678', sector: 'C', size: 'medium', employees_last_year: 180 } },
  { id: 'DN0100201', type: 'enterprise', areaCode: '01002', name: 'Công ty TNHH Thương mại Hoàn Kiếm', address: '30 Tràng Tiền', attributes: { tax_code: '0103456789', sector: 'G', size: 'small', employees_last_year: 12 } },
  { id: 'DN7900101', type: 'enterprise', areaCode: '79001', name: 'Công ty TNHH Bến Thành', address: '88 Lê Lợi', attributes: { tax_code: '0301234567', sector: 'G', size: 'medium', employees_last_year: 95 } },
  { id: 'DN7900201', type: 'enterprise', areaCode: '79002', name: 'Công ty CP Cơ khí Sài Gòn', address: '7 Nguyễn Huệ', attributes: { tax_code: '0302345678', sector: 'C', size: 'large', employees_last_year: 620 } },
];

/** The demo respondent: the accountant of the first Hà Nội enterprise, with an address the mail catcher receives for. */
export const DEMO_RESPONDENT = { username: 'dn.hanoi', fullName: 'Ngô Thị Kế Toán', email: 'ketoan@songhong.example.vn', unitId: 'DN0100101' } as const;

/**
 * Enrolment codes of the other demo enterprises, for a newcomer to enrol with (the README lists
 * them). Real codes are random and shown once; these are fixed so that the demo can be followed.
 */
export const DEMO_ENROLMENT_CODES: Readonly<Record<string, string>> = {
  DN0100102: 'DEMO-0000-0102',
  DN0100201: 'DEMO-0000-0201',
  DN7900101: 'DEMO-0000-7901',
  DN7900201: 'DEMO-0000-7902',
};

/** Seeds the demo users, the LFS survey and the demo frame, the monthly enterprise report with its enterprises, respondent and codes; what exists already is left alone. */
export async function seedDemo(store: EventStore, options: { frame?: boolean; authSecret?: string } = {}): Promise<{ created: number }> {
  let created = 0;
  for (const user of DEMO_USERS) {
    const data = { id: user.username, username: user.username, fullName: user.fullName, role: user.role, areaCodes: user.areaCodes, passwordHash: await hashPassword('demo') };
    if (await appendOnce(store, streams.user(user.username), 'UserCreated', data)) created++;
  }
  const definition = parseDefinition(LFS_DEMO);
  if (await appendOnce(store, streams.survey(definition.code), 'SurveyDefined', { id: definition.code, definition })) created++;
  if (options.frame !== false && (await appendOnce(store, streams.frame('demo'), 'UnitsImported', { units: demoHouseholds() }))) created++;

  const report = parseDefinition(DN_THANG_DEMO);
  if (await appendOnce(store, streams.survey(report.code), 'SurveyDefined', { id: report.code, definition: report })) created++;
  if (options.frame !== false) {
    if (await appendOnce(store, streams.frame('demo-enterprises'), 'UnitsImported', { units: DEMO_ENTERPRISES })) created++;
    const { username, fullName, email, unitId } = DEMO_RESPONDENT;
    const respondent = { id: username, username, fullName, email, role: 'respondent', areaCodes: [], unitIds: [unitId], passwordHash: await hashPassword('demo') };
    if (await appendOnce(store, streams.user(username), 'UserCreated', respondent)) created++;
    if (options.authSecret) {
      const key = enrolmentKey(options.authSecret);
      const codes = Object.entries(DEMO_ENROLMENT_CODES).map(([unit, code]) => ({ unitId: unit, hash: codeHash(key, code) }));
      const expiresAt = new Date(Date.now() + 365 * 864e5).toISOString();
      if (await appendOnce(store, enrolmentStreams.batch('demo'), 'EnrolmentCodesIssued', { batchId: 'demo', by: 'system', expiresAt, codes })) created++;
    }
  }
  return { created };
}

/** Creates the first manager of a production install (national scope) unless that account exists. */
export async function ensureManager(store: EventStore, username: string, password: string): Promise<boolean> {
  if (password.length < 12) throw new Error('INITIAL_MANAGER_PASSWORD must have at least 12 characters');
  const data = { id: username, username, role: 'manager' as const, areaCodes: ['VN'], passwordHash: await hashPassword(password) };
  return appendOnce(store, streams.user(username), 'UserCreated', data);
}
