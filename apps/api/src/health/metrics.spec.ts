import { formatMetrics } from './metrics';

describe('formatMetrics', () => {
  it('writes HELP and TYPE once per metric, then one line per sample with escaped labels', () => {
    const text = formatMetrics([
      { name: 'sg_operations', help: 'Operations by status.', type: 'gauge', labels: { status: 'failed' }, value: 2 },
      { name: 'sg_operations', help: 'Operations by status.', type: 'gauge', labels: { status: 'queued' }, value: 0 },
      { name: 'sg_hypervisor_applied_revision', help: 'x', type: 'gauge', labels: { hypervisor: 'a"b\\c' }, value: 7 },
    ]);
    expect(text).toBe(
      [
        '# HELP sg_operations Operations by status.',
        '# TYPE sg_operations gauge',
        'sg_operations{status="failed"} 2',
        'sg_operations{status="queued"} 0',
        '# HELP sg_hypervisor_applied_revision x',
        '# TYPE sg_hypervisor_applied_revision gauge',
        'sg_hypervisor_applied_revision{hypervisor="a\\"b\\\\c"} 7',
        '',
      ].join('\n'),
    );
  });
});
