/**
 * The program of an upload-check worker thread (src/app/upload-check-pool.ts): reads and
 * checks one policy text or diagram per message with the engine's own functions and posts
 * the plain answer back. Nothing here touches the database or HTTP.
 */
import { parentPort } from 'node:worker_threads';
import { runUploadCheck, UploadCheckRequest } from '../engine/uploads/upload-checks';

const port = parentPort;
if (port) {
  port.on('message', (message: { id: number; request: UploadCheckRequest }) => {
    runUploadCheck(message.request).then(
      (value) => port.postMessage({ id: message.id, ok: true, value }),
      (err: unknown) => port.postMessage({ id: message.id, ok: false, message: err instanceof Error ? err.message : String(err) }),
    );
  });
  port.postMessage({ type: 'ready' });
}
