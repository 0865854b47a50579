import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { problemBody, ProblemSlug } from './problem';

const ANSWERS: Record<string, [ProblemSlug, string]> = {
  HPE_HEADER_OVERFLOW: ['headers-too-large', 'The request line and headers must fit in 16 KiB (ids are at most 128 characters).'],
  ERR_HTTP_REQUEST_TIMEOUT: ['request-timeout', 'The request took too long to arrive.'],
};

/**
 * Requests Node's HTTP parser refuses (headers or URL over 16 KiB, a malformed request line) never
 * reach Express, and Node's own answer is a bare status line. The /v1 contract wants every error as
 * problem+json, so these get one too, written straight to the socket.
 */
export function answerClientErrorsAsProblems(server: Server): void {
  server.on('clientError', (error: Error & { code?: string }, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [slug, detail] = ANSWERS[error.code ?? ''] ?? ['validation-failed', 'The request is not valid HTTP.'];
    const problem = problemBody(slug, detail);
    const body = JSON.stringify(problem);
    socket.end(
      `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\n` +
        `Content-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
