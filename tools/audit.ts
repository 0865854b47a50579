import { readFileSync } from 'node:fs';
import { createPublicKey } from 'node:crypto';
import type { SignedDigest } from '../libs/application/src/audit/integrity/digest';
import { type ArchivedEvent, verifyArchive } from '../libs/application/src/audit/integrity/verify-archive';

/**
 * `npm run audit -- verify`: checks an archive of the history offline (docs/audit.md).
 *
 *   npm run audit -- verify --api <url> --key <API key> [--scope <all|tenant>]
 *       fetches the public key, the signed digests, then the export (so the export covers them)
 *   npm run audit -- verify --file <export.ndjson> --digests <digests.json> --public-key <key.pem>
 *       the export (NDJSON, GET /v1/events/export), the digests (GET /v1/audit/digests: a JSON array,
 *       pages concatenated, or one digest per line) and the public key (PEM, or GET /v1/audit/public-key's JSON)
 *
 * Exits 0 printing `verified N events`; 1 naming the first position that fails; 2 on bad usage.
 */

interface DigestLine extends SignedDigest {
  readonly sequence?: number;
}

const USAGE = `usage:
  npm run audit -- verify --api <url> --key <API key> [--scope <all|tenant>]
  npm run audit -- verify --file <export.ndjson> --digests <digests.json> --public-key <key.pem>`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const options = parseOptions(rest);
  if (command !== 'verify' || options === null) return usage();
  let events: ArchivedEvent[];
  let digests: DigestLine[];
  let publicKey: string;
  if (options.api !== undefined) {
    if (options.key === undefined) return usage();
    const api = options.api.replace(/\/$/, '');
    const get = async (path: string): Promise<string> => {
      const response = await fetch(`${api}${path}`, { headers: { authorization: `Bearer ${options.key}` } });
      if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
      return response.text();
    };
    publicKey = publicKeyOf(await get('/v1/audit/public-key'));
    digests = [];
    for (;;) {
      const scope = options.scope !== undefined ? `&scope=${encodeURIComponent(options.scope)}` : '';
      const page = JSON.parse(await get(`/v1/audit/digests?limit=1000&after=${digests.length}${scope}`)) as DigestLine[];
      digests.push(...page);
      if (page.length < 1000) break;
    }
    events = ndjson(await get('/v1/events/export')) as ArchivedEvent[];
  } else if (options.file !== undefined && options.digests !== undefined && options['public-key'] !== undefined) {
    events = ndjson(readFileSync(options.file, 'utf8')) as ArchivedEvent[];
    const digestText = readFileSync(options.digests, 'utf8').trim();
    digests = (digestText.startsWith('[') ? JSON.parse(digestText) : ndjson(digestText)) as DigestLine[];
    publicKey = publicKeyOf(readFileSync(options['public-key'], 'utf8'));
  } else {
    return usage();
  }
  const scopes = new Set(digests.map((d) => d.digest.scope));
  if (scopes.size > 1) {
    process.stderr.write(`the digests are of several scopes (${[...scopes].join(', ')}): give the digests of one\n`);
    return 2;
  }
  const outcome = verifyArchive(events, digests, publicKey);
  if (!outcome.ok) {
    process.stderr.write(`verification FAILED at position ${outcome.position ?? '(none)'}: ${outcome.reason}\n`);
    process.stdout.write(`failed at position ${outcome.position ?? '(none)'} after ${outcome.verified} intact events\n`);
    return 1;
  }
  process.stdout.write(`verified ${outcome.verified} events\n`);
  process.stdout.write(
    `${outcome.digests} signed digests checked${outcome.unsigned > 0 ? `; the last ${outcome.unsigned} events are chained but not yet in a digest` : ''}\n`,
  );
  return 0;
}

function parseOptions(args: string[]): Record<string, string> | null {
  const options: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i];
    const value = args[i + 1];
    if (!name?.startsWith('--') || value === undefined) return null;
    options[name.slice(2)] = value;
  }
  return options;
}

function ndjson(text: string): unknown[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}

function publicKeyOf(text: string): string {
  const trimmed = text.trim();
  const pem = trimmed.startsWith('{') ? (JSON.parse(trimmed) as { publicKey: string }).publicKey : trimmed;
  return createPublicKey(pem).export({ type: 'spki', format: 'pem' }).toString();
}

function usage(): number {
  process.stderr.write(`${USAGE}\n`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`audit: ${(error as Error).message}\n`);
    process.exit(2);
  },
);
