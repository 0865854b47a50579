/** Keystone's error body: tempest's token client reads `error.message` on 401 and 403. */
export class KeystoneError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404,
    message: string,
  ) {
    super(message);
    this.name = 'KeystoneError';
  }
}

const TITLES: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 429: 'Too Many Requests' };

export function keystoneErrorBody(status: number, message: string): { error: { code: number; title: string; message: string } } {
  return { error: { code: status, title: TITLES[status] ?? 'Error', message } };
}
