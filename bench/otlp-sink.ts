// A stand-in OTLP/HTTP collector for measuring the gateway with tracing on: accepts
// POST /v1/traces, answers 200 with an empty body (an empty protobuf response), and on exit
// prints how many exports and operations (`graphql.execute` spans) arrived.
//   npx tsx bench/otlp-sink.ts 4318 &
//   BENCH_GATEWAY_OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318 npm run bench
import { createServer } from 'node:http';

const port = Number(process.argv[2] ?? 4318);
const marker = Buffer.from('graphql.execute');
let exports = 0;
let operations = 0;
let bytes = 0;

/** Occurrences of the execute span's name in a protobuf (or JSON) body. */
function count(body: Buffer): number {
  let n = 0;
  for (let at = body.indexOf(marker); at !== -1; at = body.indexOf(marker, at + marker.length)) {
    n += 1;
  }
  return n;
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    exports += 1;
    bytes += body.length;
    operations += count(body);
    res.writeHead(200, { 'content-type': req.headers['content-type'] ?? 'application/json' });
    res.end(req.headers['content-type'] === 'application/json' ? '{}' : '');
  });
});
server.listen(port, '127.0.0.1', () => {
  process.stderr.write(`otlp sink on http://127.0.0.1:${port}\n`);
});
const report = () => {
  process.stdout.write(`${JSON.stringify({ exports, operations, bytes })}\n`);
  process.exit(0);
};
process.on('SIGINT', report);
process.on('SIGTERM', report);
