import { existsSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve, sep } from 'node:path';
import type { NextFunction, Request, Response } from 'express';

export const CONSOLE_PATH = '/console';

/**
 * The console's own script and styles only, talking to this origin alone: it holds an API key,
 * so nothing from elsewhere may run beside it.
 */
export const CONSOLE_CSP = [
  `default-src 'none'`,
  `script-src 'self'`,
  `style-src 'self'`,
  `img-src 'self' data:`,
  `font-src 'self'`,
  `connect-src 'self'`,
  `manifest-src 'self'`,
  `base-uri 'none'`,
  `form-action 'none'`,
  `frame-ancestors 'none'`,
].join('; ');

/** `dist/console` of the checkout: `npm run build` writes it (apps/console's Vite build). */
export function consoleDirectory(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return join(from, 'console');
    dir = parent;
  }
  return join(dir, 'dist', 'console');
}

const NOT_BUILT = 'The console is not built. Run `npm run build` (or `npm start`, which builds it), then reload.\n';

/**
 * Serves the built console under /console: files as they are (hashed assets cached for a year),
 * and index.html for every other path, which the console routes itself. A path with an extension
 * that names no file falls through to the API's 404.
 */
export function serveConsole(root: string) {
  const base = resolve(root);
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const pathname = req.originalUrl.split('?')[0];
    if (pathname !== CONSOLE_PATH && !pathname.startsWith(`${CONSOLE_PATH}/`)) return next();
    let relative: string;
    try {
      relative = decodeURIComponent(pathname.slice(CONSOLE_PATH.length));
    } catch {
      return next();
    }
    const index = join(base, 'index.html');
    if (!existsSync(index)) {
      res.status(503).type('text/plain; charset=utf-8').set('Cache-Control', 'no-store').send(NOT_BUILT);
      return;
    }
    const file = resolve(base, `.${relative.startsWith('/') ? '' : '/'}${relative}`);
    const inside = file === base || file.startsWith(base + sep);
    if (inside && file !== base && isFile(file)) {
      const hashed = file.startsWith(join(base, 'assets') + sep);
      res.sendFile(file, { dotfiles: 'deny', headers: { 'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache', 'X-Content-Type-Options': 'nosniff' } });
      return;
    }
    if (!inside || extname(relative) !== '') return next();
    res.set({
      'Content-Security-Policy': CONSOLE_CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-cache',
    });
    res.sendFile(index);
  };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
