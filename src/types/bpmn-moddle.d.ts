/** The part of bpmn-moddle's API minhu uses (its published types do not declare the class for CommonJS). */
declare module 'bpmn-moddle' {
  export interface ModdleParseResult {
    rootElement: unknown;
    warnings: Array<{ message: string; element?: unknown; property?: string; value?: unknown }>;
    references: unknown[];
    elementsById: Record<string, unknown>;
  }
  export default class BpmnModdle {
    constructor(packages?: Record<string, unknown>, options?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string, options?: Record<string, unknown>): Promise<ModdleParseResult>;
    toXML(element: unknown, options?: Record<string, unknown>): Promise<{ xml: string }>;
  }
}
