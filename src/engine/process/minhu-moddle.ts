/**
 * minhu's own BPMN attributes (namespace `minhu:`), as a moddle extension so bpmn-moddle,
 * bpmn-engine and the browser modeler all know them.
 *
 * On a user task:
 * - `minhu:form`  key of the task's form and rules in the city's policy (`tasks.<form>`), required
 * - `minhu:unit`  who must act: `lead`, `co` (one task per co-unit), `centre`, or a unit's name, required
 * - `minhu:due`   due-date rule: `order` (the order's deadline), or a duration `24h`, `30min`, `5wd`, `10d`
 * On an end event:
 * - `minhu:status` the order's status when the process ends there (default `closed`)
 * On an intermediate throw event or an end event:
 * - `minhu:flag`  a mark put on the order when the process passes there (e.g. `urged`,
 *   `contact-missed`, `supervised`), with an audit event: how a diagram does something by itself
 */
export const MINHU_NS = 'http://minhu.gov.cn/schema/bpmn/1.0';

export const minhuModdleDescriptor = {
  name: 'minhu',
  prefix: 'minhu',
  uri: MINHU_NS,
  xml: { tagAlias: 'lowerCase' },
  associations: [],
  types: [
    {
      name: 'TaskAttributes',
      isAbstract: true,
      extends: ['bpmn:UserTask'],
      properties: [
        { name: 'form', isAttr: true, type: 'String' },
        { name: 'unit', isAttr: true, type: 'String' },
        { name: 'due', isAttr: true, type: 'String' },
      ],
    },
    {
      name: 'EndAttributes',
      isAbstract: true,
      extends: ['bpmn:EndEvent'],
      properties: [{ name: 'status', isAttr: true, type: 'String' }],
    },
    {
      name: 'FlagAttributes',
      isAbstract: true,
      extends: ['bpmn:IntermediateThrowEvent', 'bpmn:EndEvent'],
      properties: [{ name: 'flag', isAttr: true, type: 'String' }],
    },
  ],
};
