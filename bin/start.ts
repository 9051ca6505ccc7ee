import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '../api/logging.js';
import { loadConfig, mailSettings } from './config.js';
import { openDemoReport } from './demo.js';
import { findMailpit, startMailpit, type Mailpit } from './mailpit.js';
import { UI_DIR, startSystem, type System } from './system.js';
import { findTemporalCli, startDevServer, type DevServer } from './temporal.js';

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ production: config.production, level: process.env.LOG_LEVEL || undefined });
  let server: DevServer | null = null;
  let mailpit: Mailpit | null = null;
  let system: System | null = null;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('\nStopping…');
    try {
      await system?.close();
    } finally {
      await server?.stop();
      await mailpit?.stop();
      say('Stopped.');
      process.exit(code);
    }
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  let address = config.temporalAddress;
  let temporalUi: string | null = null;
  if (!address) {
    const cli = findTemporalCli(say);
    say(`Starting the Temporal dev server (${cli}) on port ${config.temporalPort}, state in ${join(config.dataDir, 'temporal.db')}…`);
    server = await startDevServer({ cli, port: config.temporalPort, uiPort: config.temporalPort + 1000, dbFile: join(config.dataDir, 'temporal.db') });
    address = server.address;
    temporalUi = server.uiUrl;
  }
  // Without a mail server of its own, a newcomer's install sends to a local mail catcher, whose inbox shows every message.
  let smtpUrl = config.smtpUrl;
  if (!smtpUrl && config.mailCatcher) {
    const bin = findMailpit(say);
    if (bin) {
      say(`Starting the Mailpit mail catcher (${bin}): SMTP on port ${config.mailpitSmtpPort}, inbox on ${config.mailpitUiPort}…`);
      mailpit = await startMailpit({ bin, smtpPort: config.mailpitSmtpPort, uiPort: config.mailpitUiPort, dbFile: join(config.dataDir, 'mailpit.db') });
      smtpUrl = mailpit.smtpUrl;
    } else {
      say('No mail catcher (Mailpit needs Go to build: https://go.dev/dl) and no SMTP_URL: mail is off, no notifications are sent.');
    }
  } else if (!smtpUrl) {
    say('No SMTP_URL and MAIL_CATCHER=0: mail is off, no notifications are sent.');
  }
  if (!existsSync(join(UI_DIR, 'index.html'))) say('The UI is not built (npm run build:ui); the API runs without it.');
  say('Preparing the workflows and starting the worker, projector and API…');
  system = await startSystem({
    dataDir: config.dataDir,
    eventStore: config.eventStore,
    temporalAddress: address,
    namespace: config.namespace,
    taskQueue: config.taskQueue,
    authSecret: config.authSecret,
    demoSeed: config.demoSeed,
    logger,
    temporalUiUrl: temporalUi ?? undefined,
    initialManager: config.initialManager,
    metricsToken: config.metricsToken ?? undefined,
    writeRateLimit: config.writeRateLimit,
    enrolRateLimit: config.enrolRateLimit,
    mail: smtpUrl ? mailSettings(config, smtpUrl) : null,
  });
  await system.app.listen({ port: config.port, host: config.host });
  const base = `http://${config.host}:${config.port}`;
  say('');
  say(`  App:          ${base}/`);
  say(`  API docs:     ${base}/docs`);
  say(`  Temporal UI:  ${temporalUi ?? `(the Temporal cluster at ${address})`}`);
  say(`  Mail:         ${mailpit ? `${mailpit.url}/ (the inbox of every message sent)` : smtpUrl ? `sent through ${smtpUrl.replace(/\/\/[^@/]*@/, '//')}` : 'off'}`);
  if (config.demoSeed) {
    say('  Demo users:   manager, sup.hanoi, sup.hcm, enum.hanoi, enum.hcm, auditor, and the enterprise dn.hanoi (password: demo)');
    // The demo's convenience, never a reason to stop a server that is up: a Temporal still recovering says why here.
    if (config.demoReport) await openDemoReport(system.app, say).catch((err: unknown) => say(`  Demo report:  not opened now (${err instanceof Error ? err.message : String(err)}); its schedule opens the next`));
  }
  say('');
  say('Ctrl-C stops everything.');
}

main().catch((err: unknown) => {
  process.stderr.write(`Could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
