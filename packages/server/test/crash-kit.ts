// Helpers for the SIGKILL fault tests: run a real process against the test's PostgreSQL database
// and kill it without warning part-way, then prove a rerun ends with nothing lost or doubled.
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import path from 'node:path';

export const BURSAR_BIN = path.resolve(import.meta.dirname, '../bin/bursar.mjs');

export interface ChildRun {
  /** 'killed' when the kill condition fired, else the exit code. */
  result: number | 'killed';
  output: string;
}

export interface ChildOptions {
  /** Node arguments: a script (`--import tsx file.ts`) or the bursar bin with its command. */
  args: string[];
  env: Record<string, string>;
  /** Polled every `pollMs` while the child runs: true kills it (SIGKILL) after a little jitter. */
  killWhen?: (output: string) => boolean | Promise<boolean>;
  pollMs?: number;
  /** Give up (and fail) after this long. */
  timeoutMs?: number;
}

/** Run a child process to its end, or SIGKILL it when `killWhen` says so. */
export function runChild(opts: ChildOptions): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, opts.args, {
      env: { ...process.env, LOG_LEVEL: 'silent', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let killing = false;
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const poll = setInterval(() => {
      if (!opts.killWhen || killing) return;
      Promise.resolve(opts.killWhen(output)).then(
        (kill) => {
          if (!kill || killing) return;
          killing = true;
          setTimeout(() => child.kill('SIGKILL'), randomInt(0, 25));
        },
        () => undefined,
      );
    }, opts.pollMs ?? 40);
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 240_000);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearInterval(poll);
      clearTimeout(timer);
      if (signal === 'SIGKILL' && killing) resolve({ result: 'killed', output });
      else if (signal) reject(new Error(`child ended by ${signal} (timeout?): ${output.slice(-2000)}`));
      else resolve({ result: code ?? 1, output });
    });
  });
}
