import { z } from 'zod';

export const ROLES = ['manager', 'supervisor', 'enumerator', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export interface UserRecord {
  readonly id: string;
  readonly username: string;
  readonly role: Role;
  readonly areaCodes: readonly string[];
  readonly disabled: boolean;
}

export const usernameSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{1,39}$/, 'must be 2 to 40 lower-case letters, digits, . _ or -');

export type UserCreated = {
  type: 'UserCreated';
  data: { id: string; username: string; role: Role; areaCodes: string[]; passwordHash: string };
};
export type UserChanged = {
  type: 'UserChanged';
  data: { role?: Role; areaCodes?: string[]; disabled?: boolean; passwordHash?: string };
};
export type UserEvent = UserCreated | UserChanged;
