import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTopology, destroyTopology, labTopology, namespaces } from './topology';

/**
 * `npm run lab -- up|down` (scripts/lab.sh, as root): a routed hypervisor `sglab-hv` with three VMs
 * `sglab-vm1`…`sglab-vm3` (10.77.0.11–13, fd77::11–13) in network namespaces, and an agent `lab-hv`
 * with the nftables driver programming `sglab-hv`, registered with the API at API_URL. Both
 * commands are idempotent. API_URL, AGENT_TOKEN and AGENT_PORT (default 7010) go
 * on to the agent, which validates them as at any start.
 */

const TOPOLOGY = labTopology('sglab');
const AGENT_ID = 'lab-hv';
const STATE_DIR = join(tmpdir(), 'sglab');
const AGENT_PID = join(STATE_DIR, 'agent.pid');
const AGENT_LOG = join(STATE_DIR, 'agent.log');
const AGENT_MAIN = join(__dirname, '..', 'main.js');
const VM_SERVICES = join(__dirname, 'vm-services.js');
const START_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 10_000;

async function up(env: NodeJS.ProcessEnv): Promise<void> {
  mkdirSync(STATE_DIR, { recursive: true });
  await createTopology(TOPOLOGY);
  for (const vm of TOPOLOGY.vms) {
    const pidFile = join(STATE_DIR, `${vm.namespace}.pid`);
    if (running(pidFile, VM_SERVICES)) continue;
    const pid = detach(['ip', 'netns', 'exec', vm.namespace, process.execPath, VM_SERVICES, vm.namespace], join(STATE_DIR, `${vm.namespace}.log`), {});
    writeFileSync(pidFile, String(pid));
  }
  console.log(`hypervisor ${TOPOLOGY.hypervisor}; VMs, each serving TCP 22, 80 and 443:`);
  for (const vm of TOPOLOGY.vms) console.log(`  ${vm.namespace}  ${vm.ipv4}  ${vm.ipv6}  (port ${vm.tap} in ${TOPOLOGY.hypervisor})`);

  const apiUrl = env.API_URL ?? 'http://127.0.0.1:3000';
  const port = env.AGENT_PORT ?? '7010';
  if (running(AGENT_PID, AGENT_MAIN)) {
    console.log(`agent ${AGENT_ID} already running: pid ${read(AGENT_PID)}, log ${AGENT_LOG}`);
    return;
  }
  writeFileSync(AGENT_LOG, '');
  const agentEnv = {
    AGENT_ID,
    AGENT_DRIVER: 'nftables',
    AGENT_NETNS: TOPOLOGY.hypervisor,
    AGENT_PORT: port,
    API_URL: apiUrl,
    ...(env.AGENT_TOKEN ? { AGENT_TOKEN: env.AGENT_TOKEN } : {}),
  };
  const pid = detach([process.execPath, AGENT_MAIN], AGENT_LOG, agentEnv);
  writeFileSync(AGENT_PID, String(pid));
  const listening = await waitForLine(AGENT_LOG, /listening on (\S+) \(/, pid);
  if (!listening) {
    console.error(`agent ${AGENT_ID} did not start; its log (${AGENT_LOG}):\n${readFileSync(AGENT_LOG, 'utf8')}`);
    process.exitCode = 1;
    return;
  }
  console.log(`agent ${AGENT_ID} (nftables driver, AGENT_NETNS=${TOPOLOGY.hypervisor}) on ${listening[1]}: pid ${pid}, log ${AGENT_LOG}`);
  console.log(`it registers with ${apiUrl} and asks for its state; until then every VM port is denied.`);
}

async function down(): Promise<void> {
  if (existsSync(AGENT_PID)) {
    const pid = Number(read(AGENT_PID));
    if (running(AGENT_PID, AGENT_MAIN)) {
      process.kill(pid, 'SIGTERM');
      const deadline = Date.now() + STOP_TIMEOUT_MS;
      while (alive(pid) && Date.now() < deadline) await sleep(100);
      if (alive(pid)) process.kill(pid, 'SIGKILL');
      console.log(`stopped agent ${AGENT_ID} (pid ${pid})`);
    }
  }
  const existing = new Set(await namespaces());
  // The processes in the namespaces (the VMs' services) stop with them; the agent's table and the
  // conntrack entries live in sglab-hv and go with it.
  await destroyTopology(TOPOLOGY);
  const removed = [TOPOLOGY.hypervisor, ...TOPOLOGY.vms.map((v) => v.namespace)].filter((n) => existing.has(n));
  console.log(removed.length > 0 ? `removed namespaces ${removed.join(', ')}` : 'no lab namespaces were there');
  rmSync(STATE_DIR, { recursive: true, force: true });
}

/** Starts a process that outlives this command, its output appended to `log`. */
function detach(argv: string[], log: string, env: Record<string, string>): number {
  const fd = openSync(log, 'a');
  const child = spawn(argv[0], argv.slice(1), { detached: true, stdio: ['ignore', fd, fd], env: { ...process.env, ...env } });
  closeSync(fd);
  child.unref();
  return child.pid!;
}

/** Whether the pid in `pidFile` is alive and still runs `script` (a pid may have been reused). */
function running(pidFile: string, script: string): boolean {
  if (!existsSync(pidFile)) return false;
  const pid = Number(read(pidFile));
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return false;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(script);
  } catch {
    return false;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function read(file: string): string {
  return readFileSync(file, 'utf8').trim();
}

async function waitForLine(file: string, pattern: RegExp, pid: number): Promise<RegExpExecArray | null> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const match = pattern.exec(readFileSync(file, 'utf8'));
    if (match) return match;
    if (!alive(pid)) return null;
    await sleep(100);
  }
  return null;
}

async function main(): Promise<void> {
  const command = process.argv[2];
  if (command === 'up') return up(process.env);
  if (command === 'down') return down();
  console.error('usage: npm run lab -- up|down');
  process.exitCode = 2;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
