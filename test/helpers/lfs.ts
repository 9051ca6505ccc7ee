/**
 * Responses to the demo labour force survey (`domain/survey/demo.ts`), built from the few
 * numbers a test cares about: how many members, how many of them work, how many look for work.
 */
export interface LfsPerson {
  name: string;
  relation: string;
  sex: '1' | '2';
  age: number;
  education?: string;
  worked?: boolean;
  hours?: number;
  occupation?: string;
  sector?: string;
  looking?: boolean;
}

const NAMES = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường', 'Phạm Thị Dung', 'Hoàng Văn Em', 'Vũ Thị Giang', 'Đặng Văn Hải', 'Bùi Thị Hoa'];

/** A person of working age: at work for `hours`, looking for work, or neither. */
export function adult(i: number, status: 'employed' | 'unemployed' | 'inactive', overrides: Partial<LfsPerson> = {}): LfsPerson {
  const relation = i === 0 ? '1' : i === 1 ? '2' : '3';
  const base = { name: NAMES[i % NAMES.length]!, relation, sex: i % 2 === 0 ? ('1' as const) : ('2' as const), age: i < 2 ? 45 - 2 * i : 22 - i, education: '3' };
  const activity =
    status === 'employed' ? { worked: true, hours: 40, occupation: '5', sector: 'services' } : status === 'unemployed' ? { worked: false, looking: true } : { worked: false, looking: false };
  return { ...base, ...activity, ...overrides };
}

/** A child of the head, too young to be asked about work. */
export const child = (i: number, age = 10): LfsPerson => ({ name: NAMES[i % NAMES.length]!, relation: '3', sex: i % 2 === 0 ? '1' : '2', age, education: '1' });

/**
 * A household of `members` people: the first `employed` at work, the next `unemployed` looking for
 * work, the rest children (or, for the head, an adult not in the labour force).
 */
export function lfsHousehold(options: { members: number; employed?: number; unemployed?: number; income?: number }): Record<string, unknown> {
  const { members, employed = 0, unemployed = 0, income } = options;
  const persons = Array.from({ length: members }, (_, i) =>
    i < employed ? adult(i, 'employed') : i < employed + unemployed ? adult(i, 'unemployed') : i === 0 ? adult(0, 'inactive', { age: 70 }) : i === 1 ? adult(1, 'inactive') : child(i),
  );
  return { members, persons, ...(income === undefined ? {} : { income }) };
}

/** The same household with its last member entered as a second head: it fails the `one_head` check. */
export function withSecondHead(household: Record<string, unknown>): Record<string, unknown> {
  const persons = household.persons as LfsPerson[];
  return { ...household, persons: persons.map((p, i) => (i === persons.length - 1 ? { ...p, relation: '1' } : p)) };
}
