import { z } from 'zod';

export const YamlBody = z.strictObject({
  yaml: z.string({ error: 'expected the policy as YAML text' }).min(1, 'expected the policy as YAML text'),
});

export const PolicyVersionSchema = z.object({
  version: z.number().int(),
  hash: z.string().describe('SHA-256 of the YAML text'),
  savedBy: z.string().describe('username, or "file" for policies/<city>.yaml at start-up'),
  savedAt: z.iso.datetime(),
});

export const PolicyTextSchema = PolicyVersionSchema.extend({
  yaml: z.string(),
  policy: z.record(z.string(), z.unknown()).describe('the policy as parsed and checked (defaults filled in)'),
});

export const SavePolicyResultSchema = z.object({
  version: z.number().int().describe('the version new orders of the city now use'),
  created: z.boolean().describe('false when the text is the same as the latest version (nothing stored)'),
});

export const JsonSchemaSchema = z.record(z.string(), z.unknown()).describe('JSON Schema (draft 2020-12) of a policy file');
