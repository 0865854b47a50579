import { decideRegisterHypervisor, evolveHypervisor, initialHypervisorState } from './hypervisor.decide';
import { HypervisorEventTypes as T } from './hypervisor.events';

const now = '2026-11-27T10:00:00.000Z';

describe('hypervisor registration', () => {
  it('registers, then updates the URL, then changes nothing for the same URL', () => {
    const first = decideRegisterHypervisor(initialHypervisorState(), 'hv-1', 'http://127.0.0.1:7001', now);
    expect(first).toEqual([{ type: T.Registered, data: { hypervisorId: 'hv-1', agentUrl: 'http://127.0.0.1:7001', at: now } }]);
    const state = first.reduce(evolveHypervisor, initialHypervisorState());
    expect(decideRegisterHypervisor(state, 'hv-1', 'http://127.0.0.1:7001', now)).toEqual([]);
    expect(decideRegisterHypervisor(state, 'hv-1', 'http://127.0.0.1:7009', now)[0].type).toBe(T.AgentUrlChanged);
  });
});
