/** What bpmn-moddle gives for each element of a parsed diagram, as far as minhu reads it. */
export interface ModdleElement {
  $type: string;
  id?: string;
  name?: string;
  $attrs?: Record<string, string>;
  get(name: string): unknown;
  [key: string]: unknown;
}

export function isElement(value: unknown): value is ModdleElement {
  return typeof value === 'object' && value !== null && typeof (value as { $type?: unknown }).$type === 'string';
}

/** The elements of an array property (`flowElements`, `eventDefinitions`), [] when absent. */
export function elementsOf(element: ModdleElement | undefined, property: string): ModdleElement[] {
  const value = element?.[property];
  return Array.isArray(value) ? value.filter(isElement) : [];
}

/** The trimmed text of a formal expression property (`loopCardinality`, `timeCycle`), or null. */
export function bodyOf(element: ModdleElement, property: string): string | null {
  const value = element[property];
  if (!isElement(value)) return null;
  return typeof value.body === 'string' ? value.body.trim() : '';
}

/** Containers of flow elements: the process and every kind of sub-process. */
export function isContainer(element: ModdleElement): boolean {
  return element.$type === 'bpmn:Process' || Array.isArray(element.flowElements);
}
