import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { zhCN } from '../../../src/ui/i18n/zh-CN';
import { translate } from '../../../src/ui/render';

/**
 * Every Chinese string of the pages lives in src/ui/i18n/zh-CN.ts: templates say `{{t "key"}}`,
 * page scripts `window.minhu.t(key)` (the `client` section, sent as body data-i18n). Comments may
 * name things in Chinese; code and markup may not. No file is exempt: a sample or data string
 * belongs in the dictionary or the data, not in a template or script.
 */
const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

/** Files under a folder whose names end with `ext`, recursively. */
function files(dir: string, ext: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name), ext) : e.name.endsWith(ext) ? [path.join(dir, e.name)] : [],
  );
}

const TEMPLATES = files('src/ui/views', '.hbs');
const SCRIPTS = [...files('src/ui/modeler', '.js'), ...files('src/ui/assets', '.js')];

/** A script without its comments (TypeScript's own emitter, so strings and regex literals are never mistaken for comments). */
function scriptCode(source: string): string {
  return ts.transpileModule(source, { compilerOptions: { removeComments: true, target: ts.ScriptTarget.ESNext, allowJs: true } }).outputText;
}

/** A template without its handlebars and HTML comments. */
function templateCode(source: string): string {
  return source.replace(/\{\{!--[\s\S]*?--\}\}/g, '').replace(/\{\{![\s\S]*?\}\}/g, '').replace(/<!--[\s\S]*?-->/g, '');
}

/** `file: line` for every line of the code that has a CJK character. */
function inlineChinese(file: string, code: string): string[] {
  return code
    .split('\n')
    .filter((line) => CJK.test(line))
    .map((line) => `${file}: ${line.trim()}`);
}

/** The entry at a dotted key of the dictionary's `client` section (what window.minhu.t reads). */
function clientEntry(key: string): unknown {
  let node: unknown = zhCN.client;
  for (const part of key.split('.')) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  return node;
}

describe('UI strings come from zh-CN.ts', () => {
  it('finds Chinese in code and not in comments (the scan works)', () => {
    expect(inlineChinese('x.js', scriptCode("/* 注释 */ const a = '中文'; // 注释\nconst r = /'/; const b = 'ok';"))).toEqual(["x.js: const a = '中文';"]);
    expect(inlineChinese('x.hbs', templateCode('{{!-- 注释 --}}<!-- 注释 --><p>{{t "a.b"}}</p>\n<p>中文</p>'))).toEqual(['x.hbs: <p>中文</p>']);
    expect(TEMPLATES).toContain(path.join('src/ui/views/pages/modeler.hbs'));
    expect(SCRIPTS).toEqual(expect.arrayContaining([path.join('src/ui/modeler/modeler.js'), path.join('src/ui/assets/app.js')]));
  });

  it('has no Chinese in a template outside {{t …}}', () => {
    expect(TEMPLATES.flatMap((file) => inlineChinese(file, templateCode(readFileSync(file, 'utf8'))))).toEqual([]);
  });

  it('has no Chinese in a page script', () => {
    expect(SCRIPTS.flatMap((file) => inlineChinese(file, scriptCode(readFileSync(file, 'utf8'))))).toEqual([]);
  });

  it('has every {{t "key"}} of the templates in the dictionary', () => {
    const keys = new Set(TEMPLATES.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/[{(]t "([^"]+)"/g)].map((m) => m[1]!)));
    expect(keys.size).toBeGreaterThan(100);
    expect([...keys].filter((key) => !isTranslated(key))).toEqual([]);
  });

  it("has every key the modeler's scripts look up in the client section", () => {
    const code = files('src/ui/modeler', '.js').map((file) => readFileSync(file, 'utf8')).join('\n');
    const strings = [...code.matchAll(/\bt\('(\w+)'/g)].map((m) => `modeler.${m[1]!}`).concat([...code.matchAll(/minhu\.t\('([\w.]*\w)'/g)].map((m) => m[1]!));
    const groups = [...code.matchAll(/minhu\.section\('([\w.]+)'\)/g)].map((m) => m[1]!);
    expect(strings.length).toBeGreaterThan(50);
    expect(strings.filter((key) => typeof clientEntry(key) !== 'string')).toEqual([]);
    expect(groups.filter((key) => typeof clientEntry(key) !== 'object')).toEqual([]);
  });
});

function isTranslated(key: string): boolean {
  try {
    translate(key);
    return true;
  } catch {
    return false;
  }
}
