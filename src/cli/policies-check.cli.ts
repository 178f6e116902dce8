/**
 * `npm run policies:check [dir]`: validates every city's policy file (default ./policies)
 * and prints `policies/<city>.yaml: ok` per file, or every problem and exits 1. CI runs it,
 * so a broken policy never reaches a deployment.
 */
import { join, relative } from 'node:path';
import { loadPolicies } from '../engine/policy/load-policies';
import { PolicyInvalidError } from '../engine/policy/policy-error';

function main(dir: string): number {
  try {
    const policies = loadPolicies(dir);
    for (const city of [...policies.keys()].sort()) {
      console.log(`${relative(process.cwd(), join(dir, `${city}.yaml`))}: ok`);
    }
    return 0;
  } catch (err: unknown) {
    if (!(err instanceof PolicyInvalidError)) throw err;
    console.error(err.message);
    return 1;
  }
}

process.exitCode = main(process.argv[2] ?? 'policies');
