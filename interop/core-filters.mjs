// Filter interop for nostr-core's tests: {"events":[...],"filters":[...]} on stdin,
// the matrix matchFilter(filters[i], events[j]) (booleans) on stdout.
import { matchFilter } from 'nostr-tools/filter'

const chunks = []
for await (const chunk of process.stdin) chunks.push(chunk)
const { events, filters } = JSON.parse(Buffer.concat(chunks).toString('utf8'))
process.stdout.write(JSON.stringify(filters.map((f) => events.map((e) => matchFilter(f, e)))))
