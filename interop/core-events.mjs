// Event interop for nostr-core's tests. Reads one JSON request on stdin, writes JSON on stdout.
//   {"op":"sign","items":[{"kind","tags","content","created_at"}]} -> events made by finalizeEvent
//   {"op":"verify","events":[...]} -> [{"valid": verifyEvent(e), "hash": getEventHash(e)}]
import { finalizeEvent, generateSecretKey, getEventHash, verifyEvent } from 'nostr-tools/pure'

const chunks = []
for await (const chunk of process.stdin) chunks.push(chunk)
const request = JSON.parse(Buffer.concat(chunks).toString('utf8'))

let result
if (request.op === 'sign') {
  result = request.items.map((item) => finalizeEvent(item, generateSecretKey()))
} else if (request.op === 'verify') {
  result = request.events.map((e) => ({ valid: verifyEvent({ ...e }), hash: getEventHash(e) }))
} else {
  throw new Error(`unknown op ${request.op}`)
}
process.stdout.write(JSON.stringify(result))
