/**
 * A small static check of a Dockerfile, since neither Docker nor hadolint can be installed on the
 * development and CI machines: the instructions are parsed (continuations, comments, parser
 * directives, stages and what each inherits) and held to the rules this project relies on, most
 * of them hadolint's (DLxxxx named where they are).
 */

export interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

export interface Stage {
  /** The image or stage it starts from, after ARG substitution. */
  from: string;
  name: string | null;
  instructions: Instruction[];
  line: number;
}

export function parseDockerfile(text: string): { args: Map<string, string>; stages: Stage[] } {
  const instructions: Instruction[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    if (/^\s*(#.*)?$/.test(line)) continue;
    const start = i + 1;
    while (/\\\s*$/.test(line) && i + 1 < lines.length) {
      i++;
      // Comment lines inside a continuation are dropped, as Docker does.
      if (/^\s*#/.test(lines[i])) continue;
      line = line.replace(/\\\s*$/, ' ') + lines[i];
    }
    const m = /^\s*([A-Za-z]+)\s*(.*)$/.exec(line);
    if (!m) throw new Error(`line ${start}: not an instruction: ${line}`);
    instructions.push({ keyword: m[1].toUpperCase(), args: m[2].trim(), line: start });
  }
  const args = new Map<string, string>();
  const stages: Stage[] = [];
  for (const ins of instructions) {
    if (ins.keyword === 'ARG' && stages.length === 0) {
      const [name, value = ''] = ins.args.split('=', 2);
      args.set(name.trim(), value.trim());
      continue;
    }
    if (ins.keyword === 'FROM') {
      const m = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(ins.args);
      if (!m) throw new Error(`line ${ins.line}: FROM ${ins.args}`);
      const from = m[1].replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a, b) => args.get(a ?? b) ?? '');
      stages.push({ from, name: m[2] ?? null, instructions: [], line: ins.line });
      continue;
    }
    if (stages.length === 0) throw new Error(`line ${ins.line}: ${ins.keyword} before the first FROM`);
    stages[stages.length - 1].instructions.push(ins);
  }
  return { args, stages };
}

/** The stage chain of `stage`, from the base image's stage outward (a stage FROM another inherits its USER, CMD...). */
function lineage(stages: Stage[], stage: Stage): Stage[] {
  const chain = [stage];
  let current = stage;
  for (;;) {
    const parent = stages.find((s) => s.name !== null && s.name === current.from);
    if (!parent || chain.includes(parent)) return chain.reverse();
    chain.push(parent);
    current = parent;
  }
}

function last(chain: Stage[], keyword: string): Instruction | undefined {
  return chain.flatMap((s) => s.instructions).filter((i) => i.keyword === keyword).pop();
}

export interface Targets {
  /** Each target stage the project runs, and the entry script its CMD must start. */
  [target: string]: string;
}

/** Every broken rule, as `line N: message`; empty when the Dockerfile is fine. */
export function checkDockerfile(text: string, targets: Targets): string[] {
  const problems: string[] = [];
  const { stages } = parseDockerfile(text);
  const named = new Set(stages.map((s) => s.name).filter(Boolean));
  for (const stage of stages) {
    // DL3006, DL3007: a base image pinned to a version.
    if (!named.has(stage.from)) {
      const tag = /^[^@]+:([^/]+)$/.exec(stage.from)?.[1];
      if (!stage.from.includes('@sha256:') && (!tag || tag === 'latest')) problems.push(`line ${stage.line}: FROM ${stage.from}: pin the image to a version`);
    }
    for (const ins of stage.instructions) {
      const where = `line ${ins.line}: ${ins.keyword}`;
      // DL3000: an absolute WORKDIR.
      if (ins.keyword === 'WORKDIR' && !ins.args.startsWith('/')) problems.push(`${where} ${ins.args}: use an absolute path`);
      // DL3020: COPY, not ADD, for files of the context.
      if (ins.keyword === 'ADD' && !/^(https?:|git@)/.test(ins.args.split(/\s+/).pop() ?? '')) problems.push(`${where}: use COPY for files of the build context`);
      if (ins.keyword === 'RUN') {
        // DL3016-ish: the lock file decides what gets installed.
        if (/\bnpm (install|i)\b/.test(ins.args)) problems.push(`${where}: use npm ci (the lock file), not npm install`);
        // DL3009, DL3015: lean apt layers.
        if (/apt-get install/.test(ins.args) && !/--no-install-recommends/.test(ins.args)) problems.push(`${where}: apt-get install without --no-install-recommends`);
        if (/apt-get install/.test(ins.args) && !/rm -rf \/var\/lib\/apt\/lists/.test(ins.args)) problems.push(`${where}: apt-get install without removing /var/lib/apt/lists`);
        // DL3004: no sudo.
        if (/\bsudo\b/.test(ins.args)) problems.push(`${where}: no sudo in a build`);
      }
      // DL3025: exec form, so the process is PID 1 and gets the signals.
      if ((ins.keyword === 'CMD' || ins.keyword === 'ENTRYPOINT') && !isJsonArray(ins.args)) problems.push(`${where}: use the exec form ["node", ...] so SIGTERM reaches node`);
      // Secrets never baked into an image.
      if (ins.keyword === 'ENV' && /\b\w*(KEY|TOKEN|PASSWORD|SECRET)\w*\s*=/.test(ins.args)) problems.push(`${where}: a secret in the image; pass it at run time`);
    }
  }
  for (const [target, entry] of Object.entries(targets)) {
    const stage = stages.find((s) => s.name === target);
    if (!stage) {
      problems.push(`no stage "${target}"`);
      continue;
    }
    const chain = lineage(stages, stage);
    // DL3002: the last USER is not root.
    const user = last(chain, 'USER');
    if (!user || /^(root|0)(:|$)/.test(user.args)) problems.push(`stage ${target}: runs as root; end with USER <unprivileged>`);
    const cmd = last(chain, 'CMD');
    const command = cmd && isJsonArray(cmd.args) ? (JSON.parse(cmd.args) as string[]) : [];
    if (command[0] !== 'node' || command[1] !== entry) problems.push(`stage ${target}: CMD must be ["node", "${entry}"], is ${cmd?.args ?? 'missing'}`);
    // The image carries production dependencies only.
    const installs = chain.flatMap((s) => s.instructions).filter((i) => i.keyword === 'RUN' && /\bnpm ci\b/.test(i.args));
    if (installs.length === 0 || !installs.every((i) => /--omit=dev\b/.test(i.args))) problems.push(`stage ${target}: dependencies must come from npm ci --omit=dev`);
    // Built code comes from the build stage, never from the host.
    const copies = chain.flatMap((s) => s.instructions).filter((i) => i.keyword === 'COPY' && /\bdist\b/.test(i.args));
    if (copies.some((i) => !/--from=/.test(i.args))) problems.push(`stage ${target}: dist/ must be copied from the build stage, not the host`);
  }
  return problems;
}

function isJsonArray(args: string): boolean {
  try {
    const value = JSON.parse(args) as unknown;
    return Array.isArray(value) && value.every((v) => typeof v === 'string');
  } catch {
    return false;
  }
}
