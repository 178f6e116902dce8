import path from 'node:path';
import { Router } from 'express';
import { minhuModdleDescriptor } from '../../engine/process/minhu-moddle';

/** The page's own scripts and style; anything else under /ui/modeler/ is a 404. */
const ASSETS = new Set(['modeler.js', 'modeler-panel.js', 'modeler-compare.js', 'modeler.css']);

/**
 * The administrator's BPMN modeler (`/admin/processes/<city>/modeler`): a static page whose
 * scripts load bpmn-js's Modeler from /vendor/bpmn-js (served by the diagram viewer's routes,
 * never a CDN) and talk to the processes and policies API. The page itself holds no data: the
 * script checks the session (an administrator of that city) before it shows anything.
 * The minhu moddle extension is served as JSON, so the browser and the server read the
 * `minhu:` attributes with the same descriptor.
 */
export function modelerRoutes(): Router {
  const router = Router();
  router.get('/ui/modeler/minhu-moddle.json', (_req, res) => {
    res.set('Cache-Control', 'no-cache').json(minhuModdleDescriptor);
  });
  router.get('/ui/modeler/:asset', (req, res, next) => {
    const asset = String(req.params.asset);
    if (!ASSETS.has(asset)) return next();
    res.set('Cache-Control', 'no-cache').sendFile(path.join(__dirname, asset));
  });
  router.get('/admin/processes/:city/modeler', (_req, res) => {
    res.set('Cache-Control', 'no-store').sendFile(path.join(__dirname, 'modeler.html'));
  });
  return router;
}
