import express from 'express';
import { fixedBody, parseFixedPath } from './fixed-body.ts';

// The ceiling for any express-based server: express 5 with its defaults, answering a fixed body.

const app = express();
app.use((req, res) => {
  const wanted = parseFixedPath(req.path);
  if (!wanted) return void res.status(404).end();
  const { body, contentType } = fixedBody(wanted.bytes, wanted.kind);
  res.set('content-type', contentType).send(body);
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`bare express listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
});
process.once('SIGTERM', () => process.exit(0));
