/**
 * The modeler's bundle (built by src/ui/bundles/ui-bundles.ts with esbuild): bpmn-js's Modeler
 * with the bpmn.io add-ons the page uses, exposed as `window.MinhuModeler` for modeler.js.
 */
import Modeler from 'bpmn-js/lib/Modeler';
import MinimapModule from 'diagram-js-minimap';

import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn.css';
import 'diagram-js-minimap/assets/diagram-js-minimap.css';

window.MinhuModeler = { Modeler, additionalModules: [MinimapModule] };
