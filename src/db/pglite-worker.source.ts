/**
 * The program of the worker thread that hosts PGlite and its socket server (CommonJS source,
 * run with `new Worker(source, { eval: true })`).
 *
 * Why a worker: PGlite's CommonJS build loads parts of itself with `await import(...)`, which
 * Jest's module sandbox refuses ("dynamic import callback was invoked without
 * --experimental-vm-modules"); a worker is a plain Node context. It also keeps PGlite's
 * synchronous WASM execution off the main event loop that serves HTTP.
 *
 * workerData: { pglite, pgliteSocket: absolute module paths, dataDir?, socketPath?, loadDataDir?: Uint8Array }
 * Messages out: {type:'ready', conn} | {type:'failed', message} | {type:'log', message} | {id, ok, value?|message?}
 * Messages in:  {id, type:'stop'} | {id, type:'dump'}
 */
export const PGLITE_WORKER_SOURCE = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const { PGlite } = require(workerData.pglite);
const { PGLiteSocketServer } = require(workerData.pgliteSocket);
let db;
let server;

function describeError(err) {
  return String((err && (err.stack || err.message)) || err);
}

async function start() {
  if (workerData.dataDir) db = await PGlite.create({ dataDir: workerData.dataDir });
  else if (workerData.loadDataDir) db = await PGlite.create({ loadDataDir: new Blob([workerData.loadDataDir], { type: 'application/x-gzip' }) });
  else db = await PGlite.create();
  // The caller holds the data-directory lock, so a socket file left by a killed process is stale.
  if (workerData.socketPath) fs.rmSync(workerData.socketPath, { force: true });
  const where = workerData.socketPath ? { path: workerData.socketPath } : { host: '127.0.0.1', port: 0 };
  server = new PGLiteSocketServer({ db, ...where, maxConnections: 1 });
  server.addEventListener('error', (event) => parentPort.postMessage({ type: 'log', message: describeError(event.detail) }));
  await server.start();
  return server.getServerConn();
}

async function handle(msg) {
  if (msg.type === 'stop') {
    if (server) await server.stop();
    if (db) await db.close();
    return undefined;
  }
  if (msg.type === 'dump') {
    const blob = await db.dumpDataDir('gzip');
    return new Uint8Array(await blob.arrayBuffer());
  }
  throw new Error('unknown message ' + msg.type);
}

parentPort.on('message', (msg) => {
  handle(msg).then(
    (value) => parentPort.postMessage({ id: msg.id, ok: true, value }),
    (err) => parentPort.postMessage({ id: msg.id, ok: false, message: describeError(err) }),
  );
});

start().then(
  (conn) => parentPort.postMessage({ type: 'ready', conn }),
  (err) => parentPort.postMessage({ type: 'failed', message: describeError(err) }),
);
`;
