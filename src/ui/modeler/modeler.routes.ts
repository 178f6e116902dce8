import path from 'node:path';
import { Request, Router } from 'express';
import type { RequestAuth } from '../../api/middleware/authenticate';
import type { CityCatalog } from '../../engine/city/city-catalog';
import { minhuModdleDescriptor } from '../../engine/process/minhu-moddle';
import { renderPage, translate } from '../render';

/** The page's own scripts and style; anything else under /ui/modeler/ is a 404. */
const ASSETS = new Set(['modeler.js', 'modeler-panel.js', 'modeler-compare.js', 'modeler.css']);
const STYLES = ['/ui/bundles/modeler.css', '/ui/modeler/modeler.css'];
const SCRIPTS = ['/ui/bundles/modeler.js', '/ui/modeler/modeler-panel.js', '/ui/modeler/modeler-compare.js', '/ui/modeler/modeler.js'];

/**
 * The administrator's BPMN modeler (`/admin/processes/<city>/modeler`): a page in the common
 * layout whose scripts load bpmn-js's Modeler from /vendor/bpmn-js (served by the diagram
 * viewer's routes, never a CDN) and talk to the processes and policies API. The page itself
 * holds no data: the script checks the session (an administrator of that city) before it shows
 * anything, and says in words why it refuses. The minhu moddle extension is served as JSON, so
 * the browser and the server read the `minhu:` attributes with the same descriptor.
 */
export function modelerRoutes(catalog: CityCatalog): Router {
  const router = Router();
  router.get('/ui/modeler/minhu-moddle.json', (_req, res) => {
    res.set('Cache-Control', 'no-cache').json(minhuModdleDescriptor);
  });
  router.get('/ui/modeler/:asset', (req, res, next) => {
    const asset = String(req.params.asset);
    if (!ASSETS.has(asset)) return next();
    res.set('Cache-Control', 'no-cache').sendFile(path.join(__dirname, asset));
  });
  router.get('/admin/processes/:city/modeler', (req, res) => {
    const auth = (req as Request & { auth?: RequestAuth }).auth ?? null;
    const html = renderPage('modeler', {
      title: translate('admin.modeler.title'),
      user: auth?.user ?? null,
      cityName: auth ? catalog.policy(auth.user.city).policy.name : undefined,
      csrfToken: auth?.csrfToken,
      styles: STYLES,
      scripts: SCRIPTS,
      bodyClass: 'page-modeler',
    });
    res.status(200).type('html').set('Cache-Control', 'no-store').send(html);
  });
  return router;
}
