/**
 * A separate writer process for the multi-process tests: appends `count` events to its own
 * stream and, every few, to a shared one; prints each acknowledged append as a JSON line.
 */
import { eventSchemas } from '../../domain/schemas.js';
import { SqliteEventStore } from '../../eventstore/sqlite.js';

const [file, name, countText] = process.argv.slice(2);
const count = Number(countText);
const store = new SqliteEventStore(file!, { schemas: eventSchemas });
const metadata = { actor: name!, correlationId: 'mp', causationId: null, workflowId: null, at: new Date().toISOString() };

for (let i = 0; i < count; i++) {
  const own = await store.append(`w-${name}`, [{ type: 'Written', data: { by: name, i }, metadata }], { expected: i === 0 ? 'no_stream' : i - 1 });
  process.stdout.write(`${JSON.stringify({ stream: `w-${name}`, revision: own.nextRevision, position: own.position })}\n`);
  if (i % 5 === 0) {
    const shared = await store.append('shared', [{ type: 'Written', data: { by: name, i }, metadata }], { expected: 'any' });
    process.stdout.write(`${JSON.stringify({ stream: 'shared', revision: shared.nextRevision, position: shared.position })}\n`);
  }
}
await store.close();
