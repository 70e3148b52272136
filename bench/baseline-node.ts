import { createServer } from 'node:http';
import { fixedBody, parseFixedPath } from './fixed-body.ts';

// The ceiling for Node itself: `node:http`, answering a fixed body with nothing in between.

const server = createServer((req, res) => {
  const wanted = parseFixedPath(req.url ?? '');
  if (!wanted) {
    res.statusCode = 404;
    return void res.end();
  }
  const { body, contentType } = fixedBody(wanted.bytes, wanted.kind);
  res.writeHead(200, { 'content-type': contentType, 'content-length': body.length });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`bare node listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
});
process.once('SIGTERM', () => process.exit(0));
