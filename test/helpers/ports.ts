import { createServer } from 'node:net';
import { freePortFor } from '../../bin/ports.js';

export { freePortFor as freePort } from '../../bin/ports.js';

/** A free port for the Temporal dev server whose +1000 (its web UI) is free too. */
export async function freeTemporalPort(): Promise<number> {
  for (;;) {
    const port = await freePortFor();
    if (port + 1000 >= 65536) continue;
    const uiFree = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port + 1000, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (uiFree) return port;
  }
}
