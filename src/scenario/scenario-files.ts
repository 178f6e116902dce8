import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = 'test/scenarios';

function yamlFilesIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? yamlFilesIn(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : []))
    .sort();
}

/** Each argument is a file, a folder, or a city (test/scenarios/<city>/). */
export function findScenarioFiles(args: string[]): string[] {
  return args.flatMap((arg) => {
    if (existsSync(arg)) return statSync(arg).isDirectory() ? yamlFilesIn(arg) : [arg];
    const cityDir = join(ROOT, arg);
    return existsSync(cityDir) ? yamlFilesIn(cityDir) : [];
  });
}
