import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../api/passwords.js';

describe('passwords', () => {
  it('stores a salted scrypt hash, never the password', async () => {
    const stored = await hashPassword('demo');
    expect(stored).toMatch(/^scrypt\$16384\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(stored).not.toContain('demo');
  });

  it('verifies the right password', async () => {
    const stored = await hashPassword('mật khẩu đúng');
    expect(await verifyPassword('mật khẩu đúng', stored)).toBe(true);
  });

  it('refuses a wrong password, including a near miss', async () => {
    const stored = await hashPassword('demo');
    expect(await verifyPassword('dem0', stored)).toBe(false);
    expect(await verifyPassword('Demo', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('two hashes of the same password differ (random salt) and both verify', async () => {
    const [a, b] = await Promise.all([hashPassword('demo'), hashPassword('demo')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('demo', a)).toBe(true);
    expect(await verifyPassword('demo', b)).toBe(true);
  });

  it.each(['', 'demo', 'bcrypt$10$abc$def', 'scrypt$16384$$'])('refuses a stored value that is not a scrypt hash: %j', async (stored) => {
    expect(await verifyPassword('demo', stored)).toBe(false);
  });

  it('answers false, not an exception, for a stored hash with a corrupt cost', async () => {
    const stored = await hashPassword('demo');
    await expect(verifyPassword('demo', stored.replace('$16384$', '$abc$'))).resolves.toBe(false);
  });
});
