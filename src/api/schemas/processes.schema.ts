import { z } from 'zod';
import { CityParams } from './common.schema';

export const CityVersionParams = CityParams.extend({
  version: z.coerce.number({ error: 'expected a version number' }).int().min(1, 'expected a version number ≥ 1'),
});

export const XmlBody = z.strictObject({
  xml: z.string({ error: 'expected the BPMN 2.0 XML of the diagram, as a string' }).min(1, 'expected the BPMN 2.0 XML of the diagram'),
});

export const ProcessVersionSchema = z.object({
  version: z.number().int(),
  hash: z.string().describe('SHA-256 of the XML'),
  deployedBy: z.string().describe('username, or "file" for processes/<city>.bpmn at start-up'),
  deployedAt: z.iso.datetime(),
});

export const ProcessVersionXmlSchema = ProcessVersionSchema.extend({ xml: z.string() });

export const ValidResultSchema = z.object({ valid: z.literal(true) });

export const DeployResultSchema = z.object({
  version: z.number().int().describe('the version new orders of the city now use'),
  created: z.boolean().describe('false when the XML is the same as the latest version (nothing stored)'),
  hash: z.string(),
});
