import path from 'node:path';
import express, { Router } from 'express';

const SWAGGER_UI = path.dirname(require.resolve('swagger-ui-dist/package.json'));

/**
 * `/api/openapi.json` and `/api/docs`: the document and Swagger UI, served from the app itself
 * (swagger-ui-dist from npm, no CDN, no inline script).
 */
export function docsRoutes(document: () => object): Router {
  const router = Router();
  router.get('/api/openapi.json', (_req, res) => {
    res.json(document());
  });
  router.get('/api/docs', (_req, res) => res.sendFile(path.join(__dirname, 'docs', 'swagger.html')));
  router.get('/api/docs/swagger-init.js', (_req, res) => res.sendFile(path.join(__dirname, 'docs', 'swagger-init.js')));
  router.use('/api/docs/assets', express.static(SWAGGER_UI, { index: false, fallthrough: false }));
  return router;
}
