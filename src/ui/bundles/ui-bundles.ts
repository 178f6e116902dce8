import path from 'node:path';
import { Router } from 'express';
import { build, type BuildOptions } from 'esbuild';

/**
 * Browser bundles of the pages that use the bpmn.io and CodeMirror libraries. Those ship as ES
 * modules (bpmn-js-properties-panel, diagram-js-minimap, bpmn-js-token-simulation, bpmnlint,
 * CodeMirror 6), so a page gets them through esbuild, run in this process from node_modules: no
 * build step to forget, nothing fetched from the network, and the bundle always matches the
 * source. Each bundle is built once per process, on its first request (or at start with
 * `warmBundles`), and kept in memory: one JavaScript file and, when its modules import styles
 * (fonts and images inlined), one CSS file.
 */
export const BUNDLE_ENTRIES: Readonly<Record<string, string>> = {
  modeler: path.join(__dirname, '..', 'modeler', 'modeler.entry.js'),
  'code-editor': path.join(__dirname, '..', 'code-editor', 'code-editor.entry.js'),
};

export interface BuiltBundle {
  js: string;
  css: string;
}

const built = new Map<string, Promise<BuiltBundle>>();

const OPTIONS: BuildOptions = {
  bundle: true,
  write: false,
  format: 'iife',
  minify: true,
  target: ['es2020'],
  outdir: 'out',
  legalComments: 'none',
  logLevel: 'silent',
  loader: { '.woff': 'dataurl', '.woff2': 'dataurl', '.ttf': 'dataurl', '.eot': 'dataurl', '.svg': 'dataurl', '.png': 'dataurl' },
  jsx: 'automatic',
  jsxImportSource: '@bpmn-io/properties-panel/preact',
  define: { 'process.env.NODE_ENV': '"production"' },
};

async function buildBundle(entry: string): Promise<BuiltBundle> {
  const result = await build({ ...OPTIONS, entryPoints: { bundle: entry } });
  const file = (ext: string) => result.outputFiles?.find((f) => f.path.endsWith(ext))?.text ?? '';
  return { js: file('.js'), css: file('.css') };
}

/** The named bundle, built on first use; a failed build is forgotten so the next request tries again. */
export function bundle(name: string): Promise<BuiltBundle> {
  const entry = Object.hasOwn(BUNDLE_ENTRIES, name) ? BUNDLE_ENTRIES[name] : undefined;
  if (entry === undefined) return Promise.reject(new Error(`no bundle named ${name}`));
  let pending = built.get(name);
  if (!pending) {
    pending = buildBundle(entry);
    built.set(name, pending);
    pending.catch(() => built.delete(name));
  }
  return pending;
}

/** Builds every bundle now (at start, so the first administrator does not wait a second). */
export async function warmBundles(): Promise<void> {
  await Promise.all(Object.keys(BUNDLE_ENTRIES).map((name) => bundle(name)));
}

/** `/ui/bundles/<name>.js` and `/ui/bundles/<name>.css`; an unknown name is a 404 like any missing file. */
export function bundleRoutes(): Router {
  const router = Router();
  router.get('/ui/bundles/:file', async (req, res, next) => {
    const match = /^([a-z][a-z0-9-]*)\.(js|css)$/.exec(String(req.params.file));
    if (!match || !Object.hasOwn(BUNDLE_ENTRIES, match[1]!)) return next();
    try {
      const b = await bundle(match[1]!);
      res
        .status(200)
        .type(match[2] === 'js' ? 'application/javascript' : 'text/css')
        .set('Cache-Control', 'no-cache')
        .send(match[2] === 'js' ? b.js : b.css);
    } catch (err) {
      next(err);
    }
  });
  return router;
}
