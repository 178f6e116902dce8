/** The pages' bpmn.io and CodeMirror bundles are built in the process by esbuild and served under /ui/bundles. */
import request from 'supertest';
import express from 'express';
import { bundleRoutes } from '../../src/ui/bundles/ui-bundles';

jest.setTimeout(60_000);

const app = express().use(bundleRoutes());

it('serves the modeler bundle (bpmn-js with the minimap) and its styles with the bpmn font inlined', async () => {
  const js = await request(app).get('/ui/bundles/modeler.js');
  expect(js.status).toBe(200);
  expect(js.type).toBe('application/javascript');
  expect(js.text).toContain('MinhuModeler');
  expect(js.text).toContain('djs-minimap');
  const css = await request(app).get('/ui/bundles/modeler.css');
  expect(css.status).toBe(200);
  expect(css.type).toBe('text/css');
  expect(css.text).toContain('.djs-minimap');
  expect(css.text).toMatch(/url\("?data:font\/woff/);
});

it('serves the code editor bundle (CodeMirror 6 with the YAML schema support)', async () => {
  const js = await request(app).get('/ui/bundles/code-editor.js');
  expect(js.status).toBe(200);
  expect(js.text).toContain('MinhuCodeEditor');
});

it('knows no other bundle', async () => {
  expect((await request(app).get('/ui/bundles/nothing.js')).status).toBe(404);
  expect((await request(app).get('/ui/bundles/..%2fmodeler.js')).status).toBe(404);
  expect((await request(app).get('/ui/bundles/modeler.map')).status).toBe(404);
});
