import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import { NotFoundError } from '../../shared/errors';

/** The XML of a process's latest version, or null when there is none. */
export type DiagramSource = (key: string) => string | null;

const BPMN_JS_DIST = path.dirname(require.resolve('bpmn-js/dist/bpmn-navigated-viewer.production.min.js'));

/**
 * A read-only diagram page (`/diagrams/<key>`) with bpmn-js served from the app itself (no CDN),
 * and the diagram's XML (`/diagrams/<key>.bpmn`), which the page fetches: the XML is never inlined.
 */
export function diagramViewerRoutes(source: DiagramSource): Router {
  const router = Router();
  router.use('/vendor/bpmn-js', express.static(BPMN_JS_DIST, { fallthrough: false, maxAge: '1h' }));
  for (const asset of ['diagram-viewer.js', 'diagram-viewer.css']) {
    router.get(`/ui/diagram-viewer/${asset}`, (_req, res) => res.sendFile(path.join(__dirname, asset)));
  }
  router.get('/diagrams/:file', (req, res) => {
    const file = String(req.params.file);
    if (file.endsWith('.bpmn')) {
      const xml = source(file.slice(0, -'.bpmn'.length));
      if (xml === null) throw new NotFoundError('PROCESS_NOT_DEPLOYED', `no process "${file}" is deployed`);
      res.type('application/xml').send(xml);
      return;
    }
    if (source(file) === null) throw new NotFoundError('PROCESS_NOT_DEPLOYED', `no process "${file}" is deployed`);
    res.sendFile(path.join(__dirname, 'diagram-viewer.html'));
  });
  return router;
}

/** Diagrams straight from a folder of `<key>.bpmn` files (scripts and tests, no database). */
export function folderDiagramSource(dir: string): DiagramSource {
  return (key) => {
    if (!/^[a-z][a-z0-9-]*$/.test(key)) return null;
    const file = path.join(dir, `${key}.bpmn`);
    return existsSync(file) ? readFileSync(file, 'utf8') : null;
  };
}
