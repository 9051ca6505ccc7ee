import { createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number, options: { N: number }) => Promise<Buffer>;
const N = 16384;

/** `scrypt$N$salt$hash`, salt and hash base64url. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt, 32, { N });
  return `scrypt$${N}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  try {
    const actual = await scryptAsync(password, Buffer.from(salt, 'base64url'), expected.length, { N: Number(n) });
    return timingSafeEqual(actual, expected);
  } catch {
    // A damaged stored hash (a cost that is not a power of two, say) matches no password.
    return false;
  }
}

/**
 * A token carries this stamp of the password it was issued under, so a new password
 * refuses the tokens issued before it. Keyed with the signing secret: the stamp says nothing about the hash.
 */
export function passwordStamp(passwordHash: string, secret: string): string {
  return createHmac('sha256', secret).update(passwordHash).digest('base64url').slice(0, 22);
}
