import { formatRequestIds, MAX_HEADER_REQUEST_IDS, parseRequestIds } from './request-ids';

describe('request ids in a push', () => {
  it('travel comma-separated, once each, and come back as they went', () => {
    const header = formatRequestIds(['req-1', 'b4c1e0f2-7d4e-4c7e-9a51-0d6f1b2c3d4e', 'req-1']);
    expect(header).toBe('req-1,b4c1e0f2-7d4e-4c7e-9a51-0d6f1b2c3d4e');
    expect(parseRequestIds(header)).toEqual(['req-1', 'b4c1e0f2-7d4e-4c7e-9a51-0d6f1b2c3d4e']);
  });

  it('drop what is not a request id (it would only end up in a log line) and stay bounded', () => {
    expect(parseRequestIds('ok-1, bad id ,\u0000x,ok-2')).toEqual(['ok-1', 'ok-2']);
    expect(parseRequestIds(undefined)).toEqual([]);
    const many = Array.from({ length: 500 }, (_, i) => `req-${i}`);
    expect(parseRequestIds(formatRequestIds(many))).toHaveLength(MAX_HEADER_REQUEST_IDS);
  });
});
