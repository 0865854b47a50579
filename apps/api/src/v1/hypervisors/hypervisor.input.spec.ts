import { parseRegisterHypervisorInput } from './hypervisor.input';

describe('hypervisor registration input', () => {
  it.each([[{}], [{ agentUrl: 'ftp://x' }], [{ agentUrl: 'not a url' }], [{ agentUrl: 'http://u:p@x' }], [{ agentUrl: 'http://x', more: 1 }]])('rejects %j', (body) => {
    expect(() => parseRegisterHypervisorInput(body)).toThrow(expect.objectContaining({ code: 'validation-failed' }));
  });

  it('normalises the URL', () => {
    expect(parseRegisterHypervisorInput({ agentUrl: 'http://127.0.0.1:7001/' })).toEqual({ agentUrl: 'http://127.0.0.1:7001' });
  });
});
