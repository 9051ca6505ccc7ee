import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createMailer, MailError } from '../../notify/mailer.js';

/**
 * The mailer against a small SMTP server that notes what it receives, with the commit's place
 * among it: the ledger's write must come once the server has said to send the text, and before
 * the final `.` that asks it to keep the message.
 */
interface FakeServer {
  readonly url: string;
  readonly log: string[];
  /** Closes every connection the server holds, as a server does to idle ones. */
  dropConnections(): void;
  close(): Promise<void>;
}

async function fakeSmtp(answerToDot = '250 2.0.0 kept'): Promise<FakeServer> {
  const log: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.write('220 fake\r\n');
    let data: string | null = null;
    socket.on('data', (chunk) => {
      if (data !== null) {
        data += chunk.toString();
        if (data.includes('\r\n.\r\n')) {
          log.push(`. (${data.includes('Message-ID: <m1@test>') ? 'm1' : 'other'})`);
          data = null;
          socket.write(`${answerToDot}\r\n`);
        }
        return;
      }
      for (const line of chunk.toString().split('\r\n').filter(Boolean)) {
        const command = line.split(/[ :]/)[0]!.toUpperCase();
        log.push(command);
        if (command === 'EHLO') socket.write('250-fake\r\n250 PIPELINING\r\n');
        else if (command === 'DATA') {
          data = '';
          socket.write('354 go on\r\n');
        } else if (command === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    log,
    dropConnections: () => {
      for (const socket of sockets) socket.destroy();
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const message = { to: { name: 'Lan', address: 'lan@example.vn' }, subject: 'Thử', text: 'Thử', html: '<p>Thử</p>', messageId: '<m1@test>', language: 'vi' };
const closing: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0)) await close();
});

async function setUp(answerToDot?: string) {
  const server = await fakeSmtp(answerToDot);
  const mailer = createMailer({ smtpUrl: server.url, from: 'Thống kê <no-reply@survey-ops.test>' });
  closing.push(() => mailer.close(), () => server.close());
  return { server, mailer };
}

describe('the mailer', () => {
  it('commits once the server has said to send the text, and only then sends the final dot', async () => {
    const { server, mailer } = await setUp();
    await mailer.send(message, async () => {
      server.log.push('commit');
    });
    expect(server.log).toEqual(['EHLO', 'MAIL', 'RCPT', 'DATA', 'commit', '. (m1)']);
  });

  it('never sends the final dot when the commit fails, and says the server has nothing', async () => {
    const { server, mailer } = await setUp();
    const sent = mailer.send(message, async () => {
      throw new Error('the ledger is out of reach');
    });
    await expect(sent).rejects.toMatchObject({ committed: false, message: expect.stringContaining('the ledger is out of reach') });
    await new Promise((r) => setTimeout(r, 200));
    expect(server.log).not.toContain('. (m1)');
  });

  it('calls a message refused after its dot refused, not committed', async () => {
    const { mailer } = await setUp('554 5.7.1 refused');
    const sent = mailer.send(message, async () => undefined);
    await expect(sent).rejects.toBeInstanceOf(MailError);
    await expect(sent).rejects.toMatchObject({ committed: false });
  });

  it('reuses its connection, and sends on a new one when the server closed the idle one', async () => {
    const { server, mailer } = await setUp();
    await mailer.send(message, async () => undefined);
    await mailer.send({ ...message, messageId: '<m2@test>' }, async () => undefined);
    expect(server.log.filter((c) => c === 'EHLO')).toHaveLength(1);
    server.dropConnections();
    await new Promise((r) => setTimeout(r, 100));
    await mailer.send({ ...message, messageId: '<m3@test>' }, async () => undefined);
    expect(server.log.filter((c) => c === 'EHLO')).toHaveLength(2);
    expect(server.log.filter((c) => c.startsWith('.'))).toHaveLength(3);
  });
});
