/**
 * Lays out a diagram written by hand: `npm run bpmn:layout -- processes/<city>.bpmn` replaces
 * the file's drawing (BPMN DI) with one computed by bpmn-auto-layout, keeping the semantics
 * and minhu's attributes. Diagrams drawn in the modeler keep their own layout: don't run it on them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { layoutProcess } from 'bpmn-auto-layout';

async function main(): Promise<void> {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error('usage: npm run bpmn:layout -- processes/<city>.bpmn …');
    process.exit(2);
  }
  for (const file of files) {
    const xml = readFileSync(file, 'utf8').replace(/<bpmndi:BPMNDiagram[\s\S]*<\/bpmndi:BPMNDiagram>\s*/, '');
    writeFileSync(file, await layoutProcess(xml));
    console.log(`${file}: laid out`);
  }
}

void main();
