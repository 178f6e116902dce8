/**
 * The YAML code editor's bundle (built by src/ui/bundles/ui-bundles.ts with esbuild): CodeMirror 6
 * with YAML highlighting and the policy's JSON Schema for completion, hover help and schema
 * checks (codemirror-json-schema), exposed as `window.MinhuCodeEditor`.
 */
import { EditorView, basicSetup } from 'codemirror';
import { EditorState } from '@codemirror/state';
import { linter, lintGutter } from '@codemirror/lint';
import { updateSchema } from 'codemirror-json-schema';
import { yamlSchema } from 'codemirror-json-schema/yaml';

/**
 * An editor in `parent` holding `doc`. `schema` (JSON Schema) drives completion and hover;
 * `check(text)` returns diagnostics ({from, to, message, severity}) or a promise of them, for
 * the server's own checks in Chinese; `onChange(text)` hears every edit.
 */
function create(parent, { doc, schema, check, onChange, label }) {
  const extensions = [basicSetup, EditorView.lineWrapping, lintGutter()];
  if (schema) extensions.push(yamlSchema(schema));
  if (check) extensions.push(linter((view) => check(view.state.doc.toString()), { delay: 600 }));
  if (onChange) extensions.push(EditorView.updateListener.of((u) => u.docChanged && onChange(u.state.doc.toString())));
  if (label) extensions.push(EditorView.contentAttributes.of({ 'aria-label': label }));
  const view = new EditorView({ parent, state: EditorState.create({ doc: doc ?? '', extensions }) });
  return {
    view,
    getText: () => view.state.doc.toString(),
    setText: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    setSchema: (s) => updateSchema(view, s),
    /** The document offset where line `n` (1-based) starts, for diagnostics that name a line. */
    lineStart: (n) => view.state.doc.line(Math.max(1, Math.min(n, view.state.doc.lines))).from,
  };
}

window.MinhuCodeEditor = { create };
