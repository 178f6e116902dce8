import { z } from 'zod';

/**
 * The scenario file format (docs/scenarios.md): a city's rules told as steps on a virtual clock.
 */
const Timestamp = z.string().refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)$/.test(s), {
  message: 'expected a timestamp with its offset, like 2026-03-02T09:00:00+08:00',
});
const Ref = z.string().min(1);
const ErrorCode = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'expected an UPPER_SNAKE error code');

const Intake = z.strictObject({
  as: Ref,
  order: Ref,
  category: z.string(),
  channel: z.string(),
  topic: z.string().optional(),
  district: z.string().optional(),
  address: z.string().optional(),
  content: z.string(),
  requester: z.strictObject({ name: z.string(), phone: z.string() }),
  leadUnit: z.string().optional(),
  coUnits: z.array(z.string()).optional(),
  data: z.record(z.string(), z.unknown()).optional(),
  mode: z.enum(['dispatch', 'answer', 'not-accepted', 'transfer']).optional(),
  answer: z.string().optional(),
  knowledgeId: z.string().optional(),
  reason: z.string().optional(),
  transferTo: z.string().optional(),
  error: ErrorCode.optional(),
});

const ExpectTask = z.strictObject({
  name: z.string(),
  unit: z.string().optional(),
  due: Timestamp.optional(),
  flags: z.array(z.string()).optional(),
});

const Expect = z.strictObject({
  order: Ref,
  status: z.string().optional(),
  lead: z.string().optional(),
  co: z.array(z.string()).optional(),
  due: Timestamp.optional(),
  dueProvisional: z.boolean().optional(),
  flags: z.array(z.string()).optional(),
  notFlags: z.array(z.string()).optional(),
  data: z.record(z.string(), z.unknown()).optional(),
  /** The open tasks, exactly (order does not matter). */
  tasks: z.array(ExpectTask).optional(),
  /** Event types that must be in the order's audit log (with `count` when given as `type: n`). */
  audit: z.array(z.union([z.string(), z.record(z.string(), z.number().int().min(0))])).optional(),
});

const Act = z.strictObject({
  as: Ref,
  order: Ref,
  /** A task's name (policy key, BPMN id or Chinese name), or an outcome of an open task. */
  task: z.string(),
  outcome: z.string().optional(),
  data: z.record(z.string(), z.unknown()).optional(),
  /** Files uploaded to the order as the actor first, by `files` field: `{ document: [回复.pdf] }` (the name's extension picks a small PDF or JPEG). */
  files: z.record(z.string(), z.array(z.string().min(1)).min(1)).optional(),
  error: ErrorCode.optional(),
});

const Advance = z.union([
  z.string().regex(/^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/, 'expected an ISO 8601 duration like PT25H or P3D'),
  z.strictObject({ to: Timestamp }),
]);

const Figure = z.strictObject({ base: z.number().int().min(0).optional(), hits: z.number().int().min(0).optional() });

/** Runs the month's assessment now (a draft run) and checks units' indicator figures. */
const Assess = z.strictObject({
  as: Ref,
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month written YYYY-MM'),
  /** unit → indicator key → the expected base and hits (a unit absent from the run has 0 and 0). */
  units: z.record(z.string(), z.record(z.string(), Figure)),
  error: ErrorCode.optional(),
});

export const StepSchema = z.union([
  z.strictObject({ intake: Intake }),
  z.strictObject({ expect: Expect }),
  z.strictObject({ act: Act }),
  z.strictObject({ advance: Advance }),
  z.strictObject({ assess: Assess }),
]);

export const ScenarioSchema = z.strictObject({
  city: z.string().min(1),
  title: z.string().min(1),
  rules: z.array(z.string()).default([]),
  start: Timestamp,
  steps: z.array(StepSchema).min(1),
});

export type Scenario = z.infer<typeof ScenarioSchema>;
export type Step = z.infer<typeof StepSchema>;
export type IntakeStep = z.infer<typeof Intake>;
export type ExpectStep = z.infer<typeof Expect>;
export type ActStep = z.infer<typeof Act>;
export type AdvanceStep = z.infer<typeof Advance>;
export type AssessStep = z.infer<typeof Assess>;
