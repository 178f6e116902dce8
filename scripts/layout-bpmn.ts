/**
 * Lays out a diagram written by hand: `npm run bpmn:layout -- processes/<city>.bpmn` replaces
 * the file's drawing (BPMN DI) with one computed by bpmn-auto-layout, keeping the semantics
 * and minhu's attributes. Diagrams drawn in the modeler keep their own layout: don't run it on them.
 *
 * bpmn-auto-layout follows each node's `incoming`/`outgoing` lists to draw the connections; a
 * hand-written diagram often gives only the flows' sourceRef/targetRef, so the lists are filled
 * in from the flows first.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import BpmnModdle from 'bpmn-moddle';
import { layoutProcess } from 'bpmn-auto-layout';
import { minhuModdleDescriptor } from '../src/engine/process/minhu-moddle';

interface Node {
  $type: string;
  id: string;
  flowElements?: Node[];
  sourceRef?: Node;
  targetRef?: Node;
  incoming?: Node[];
  outgoing?: Node[];
}

function linkFlows(container: Node): void {
  const elements = container.flowElements ?? [];
  for (const node of elements) {
    if (node.$type !== 'bpmn:SequenceFlow') {
      node.incoming = [];
      node.outgoing = [];
    }
    if (node.flowElements) linkFlows(node);
  }
  for (const flow of elements.filter((e) => e.$type === 'bpmn:SequenceFlow')) {
    flow.sourceRef?.outgoing?.push(flow);
    flow.targetRef?.incoming?.push(flow);
  }
}

async function layout(file: string): Promise<void> {
  const xml = readFileSync(file, 'utf8').replace(/<bpmndi:BPMNDiagram[\s\S]*<\/bpmndi:BPMNDiagram>\s*/, '');
  const moddle = new BpmnModdle({ minhu: minhuModdleDescriptor });
  const { rootElement } = await moddle.fromXML(xml, 'bpmn:Definitions');
  const definitions = rootElement as { rootElements: Node[] };
  for (const process of definitions.rootElements.filter((e) => e.$type === 'bpmn:Process')) linkFlows(process);
  const { xml: linked } = await moddle.toXML(rootElement, { format: true });
  writeFileSync(file, await layoutProcess(linked));
  console.log(`${file}: laid out`);
}

async function main(): Promise<void> {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error('usage: npm run bpmn:layout -- processes/<city>.bpmn …');
    process.exit(2);
  }
  for (const file of files) await layout(file);
}

void main();
