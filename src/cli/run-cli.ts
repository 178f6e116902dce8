import { DomainError } from '../shared/errors';

/** Runs a command-line `main`: exits with its code, or prints `<name> failed: CODE: message` and exits 1. */
export function runCli(name: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      const code = err instanceof DomainError ? `${err.code}: ` : '';
      console.error(`${name} failed: ${code}${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
