/** bpmn-auto-layout ships no types for CommonJS resolution. */
declare module 'bpmn-auto-layout' {
  export function layoutProcess(xml: string): Promise<string>;
}
