import { spawn } from 'node:child_process';

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a program (argv[0]) with `input` on its stdin; never rejects for a non-zero exit. */
export type CommandRunner = (argv: readonly string[], input?: string) => Promise<CommandResult>;

const TIMEOUT_MS = 60_000;

/**
 * Commands inside the network namespace the agent programs (`AGENT_NETNS`), or in its own:
 * `ip netns exec NAME nft -f -`. The agent itself stays where it is and keeps listening there.
 */
export function namespacedRunner(netns: string | null): CommandRunner {
  return (argv, input) => run(netns === null ? argv : ['ip', 'netns', 'exec', netns, ...argv], input);
}

function run(argv: readonly string[], input?: string): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawn(argv[0], argv.slice(1), { stdio: ['pipe', 'pipe', 'pipe'], timeout: TIMEOUT_MS, killSignal: 'SIGKILL' });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.once('error', (error) => resolve({ code: null, stdout: '', stderr: `${argv[0]}: ${error.message}` }));
    child.once('close', (code, signal) =>
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') + (signal ? `\n(killed by ${signal})` : '') }),
    );
    // A program that exits without reading its input closes the pipe: that is its answer, not ours.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
  });
}
