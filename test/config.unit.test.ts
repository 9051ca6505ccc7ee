import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../bin/config.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'survey-ops-config-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('loadConfig', () => {
  it('uses the defaults of SPEC.md and keeps a generated secret in the data folder', () => {
    const dir = tempDir();
    const config = loadConfig({ DATA_DIR: dir });
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', temporalPort: 7233, temporalAddress: null, namespace: 'default', taskQueue: 'survey-ops', demoSeed: true });
    expect(config.authSecret).toBe(readFileSync(join(dir, 'auth-secret'), 'utf8'));
    expect(loadConfig({ DATA_DIR: dir }).authSecret).toBe(config.authSecret);
  });

  it('refuses production without AUTH_SECRET and with demo users', () => {
    const dir = tempDir();
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: dir })).toThrow(/AUTH_SECRET/);
    const secret = 'x'.repeat(40);
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: dir, AUTH_SECRET: secret, DEMO_SEED: '1' })).toThrow(/DEMO_SEED/);
    expect(loadConfig({ NODE_ENV: 'production', DATA_DIR: dir, AUTH_SECRET: secret })).toMatchObject({ demoSeed: false, authSecret: secret });
  });

  it('sends no mail of its own accord: no SMTP_URL, a mail catcher for npm start on 1025 and 8025, links to the app on its port', () => {
    const dir = tempDir();
    expect(loadConfig({ DATA_DIR: dir, PORT: '3100' })).toMatchObject({
      smtpUrl: null,
      mailCatcher: true,
      mailpitSmtpPort: 1025,
      mailpitUiPort: 8025,
      mailFrom: 'Thống kê <no-reply@survey-ops.local>',
      publicUrl: 'http://localhost:3100',
      notifyFirstRetryMs: null,
    });
    expect(loadConfig({ DATA_DIR: dir, SMTP_URL: 'smtp://relay.example:587', PUBLIC_URL: 'https://survey.example/', MAIL_CATCHER: '0', NOTIFY_FIRST_RETRY_MS: '500' })).toMatchObject({
      smtpUrl: 'smtp://relay.example:587',
      publicUrl: 'https://survey.example',
      mailCatcher: false,
      notifyFirstRetryMs: 500,
    });
    expect(() => loadConfig({ DATA_DIR: dir, MAILPIT_UI_PORT: 'eighty' })).toThrow(/MAILPIT_UI_PORT/);
  });

  it('refuses a port that is not a number', () => {
    expect(() => loadConfig({ DATA_DIR: tempDir(), PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATA_DIR: tempDir(), PORT: '0x50' })).toThrow(/PORT/);
  });

  it('takes the write budget from WRITE_RATE_LIMIT, 600 a minute unless set, and refuses what is not a whole number', () => {
    const dir = tempDir();
    expect(loadConfig({ DATA_DIR: dir }).writeRateLimit).toBe(600);
    expect(loadConfig({ DATA_DIR: dir, WRITE_RATE_LIMIT: '100000' }).writeRateLimit).toBe(100_000);
    for (const bad of ['0', '-5', '1e3', ' 600', 'lots']) expect(() => loadConfig({ DATA_DIR: dir, WRITE_RATE_LIMIT: bad }), bad).toThrow(/WRITE_RATE_LIMIT/);
  });

  it('takes the enrolment budget from ENROL_RATE_LIMIT, 10 a minute unless set, and refuses what is not a whole number', () => {
    const dir = tempDir();
    expect(loadConfig({ DATA_DIR: dir }).enrolRateLimit).toBe(10);
    expect(loadConfig({ DATA_DIR: dir, ENROL_RATE_LIMIT: '50' }).enrolRateLimit).toBe(50);
    for (const bad of ['0', '-1', 'many']) expect(() => loadConfig({ DATA_DIR: dir, ENROL_RATE_LIMIT: bad }), bad).toThrow(/ENROL_RATE_LIMIT/);
  });
});
