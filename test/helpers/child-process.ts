import { ChildProcess, spawn } from 'node:child_process';
import { TEST_STEP_ENV } from './test-runtime-options';

export interface Child {
  proc: ChildProcess;
  output(): string;
  /** Resolves with the first line of stdout+stderr matching `re`, or rejects after `timeoutMs`. */
  waitFor(re: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  exited(): Promise<number | null>;
}

const running = new Set<ChildProcess>();

/** Kills every child still running (call in afterAll, so a failed test leaves nothing behind). */
export function killChildren(): void {
  for (const proc of running) proc.kill('SIGKILL');
  running.clear();
}

/** Runs a TypeScript file with tsx as a separate process. */
export function runTs(file: string, env: Record<string, string | undefined>, args: string[] = []): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', file, ...args], {
    env: { ...process.env, ...TEST_STEP_ENV, ...env, NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(proc);
  proc.on('exit', () => running.delete(proc));
  let out = '';
  const listeners: Array<() => void> = [];
  const onData = (chunk: Buffer) => {
    out += chunk.toString();
    listeners.forEach((l) => l());
  };
  proc.stdout?.on('data', onData);
  proc.stderr?.on('data', onData);
  const exit = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return {
    proc,
    output: () => out,
    exited: () => exit,
    waitFor(re, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = out.match(re);
          if (m) {
            clearTimeout(timer);
            resolve(m);
          }
        };
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${re} in:\n${out}`)), timeoutMs);
        listeners.push(check);
        void exit.then(() =>
          setTimeout(() => {
            clearTimeout(timer); // a dead process never prints it: do not keep jest waiting for the timeout
            reject(new Error(`process exited before ${re}:\n${out}`));
          }, 50),
        );
        check();
      });
    },
  };
}
