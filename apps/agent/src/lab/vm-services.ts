import { createServer } from 'node:net';

/**
 * What a lab VM serves, so that trying a rule needs nothing but bash: TCP 22, 80 and 443 each
 * answer one line naming the VM and the port, then close. Run inside the VM's namespace by
 * `npm run lab -- up`; `down` stops it with the namespace.
 */
const name = process.argv[2] ?? 'vm';
for (const port of [22, 80, 443]) {
  createServer((socket) => {
    socket.on('error', () => undefined);
    socket.end(`${name} port ${port}: connected from ${socket.remoteAddress?.replace(/^::ffff:/, '')}\n`);
  }).listen({ port, host: '::', ipv6Only: false });
}
console.log(`${name}: serving TCP 22, 80 and 443`);
