import { ChildProcess, fork, spawn } from 'node:child_process';
import { join } from 'node:path';

/** The built entry points (npm run bench builds first): the system under test runs apart from the load. */
export const DIST = join(__dirname, '..');

export interface Child {
  process: ChildProcess;
  /** What it printed so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `node entry` with `env` (logging warnings only: no line per request) and resolves once
 * `healthUrl` answers 200.
 */
export async function startNode(name: string, entry: string, env: Record<string, string>, healthUrl: string, timeoutMs = 60_000): Promise<Child> {
  const child = spawn(process.execPath, [entry], { env: { ...process.env, LOG_FORMAT: 'json', LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (c: Buffer) => (output = (output + c.toString()).slice(-200_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      child.kill('SIGTERM');
    });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}) before it was ready:\n${output.slice(-4000)}`);
    const ok = await fetch(healthUrl).then((r) => r.ok, () => false);
    if (ok) return { process: child, output: () => output, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${name} did not answer ${healthUrl} in ${timeoutMs} ms:\n${output.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Forks a bench script with an IPC channel (the agent host). */
export function forkNode(name: string, entry: string, args: string[], ready: RegExp, timeoutMs = 60_000): Promise<Child & { match: RegExpMatchArray }> {
  const child = fork(entry, args, { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  return wrap(name, child, ready, timeoutMs);
}

function wrap(name: string, child: ChildProcess, ready: RegExp, timeoutMs: number): Promise<Child & { match: RegExpMatchArray }> {
  let output = '';
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${name} did not start in ${timeoutMs} ms:\n${output.slice(-4000)}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.length > 1_000_000) output = output.slice(-200_000);
      const match = output.match(ready);
      if (match) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stderr?.off('data', onData);
        child.stdout?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-200_000)));
        child.stderr?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-200_000)));
        resolve({ process: child, output: () => output, stop, match });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code ?? signal}) before it was ready:\n${output.slice(-4000)}`));
    });
  });
}

/** One request/answer over a forked child's IPC channel. */
let nextRequest = 0;
export function ask<T>(child: ChildProcess, message: Record<string, unknown>, timeoutMs = 120_000): Promise<T> {
  const id = ++nextRequest;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', onMessage);
      reject(new Error(`no answer to ${String(message.type)} in ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (reply: { id?: number; result?: T; error?: string }) => {
      if (reply.id !== id) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      if (reply.error) reject(new Error(reply.error));
      else resolve(reply.result as T);
    };
    child.on('message', onMessage);
    child.send({ ...message, id });
  });
}
