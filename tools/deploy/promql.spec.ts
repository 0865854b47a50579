import { exportedNames, metricNamesIn } from './promql';

describe('metric names in PromQL', () => {
  it.each([
    ['sum(increase(sg_operations_finished_total{status="failed"}[15m])) > 0', ['sg_operations_finished_total']],
    ['histogram_quantile(0.95, sum by (le, route) (rate(http_request_duration_seconds_bucket{job="x"}[$__rate_interval])))', ['http_request_duration_seconds_bucket']],
    ['max(sg_relay_leader) < 1 or absent(sg_relay_leader)', ['sg_relay_leader']],
    ['sum(rate(a_total{s=~"5.."}[5m])) / sum(rate(a_total[5m]))', ['a_total']],
    ['up{job=~"security-groups-.*"} == 0', ['up']],
    ['sg_check_up == 0 unless on (job) b_metric offset 5m', ['sg_check_up', 'b_metric']],
  ])('%s', (expr, names) => {
    expect(metricNamesIn(expr)).toEqual(names);
  });

  it('exported: every series name a page can hold, histograms with their suffixes', () => {
    const page = '# HELP x_seconds x\n# TYPE x_seconds histogram\nx_seconds_bucket{le="1"} 0\n# TYPE y_total counter\ny_total 1\n';
    expect([...exportedNames(page)].sort()).toEqual(['x_seconds', 'x_seconds_bucket', 'x_seconds_count', 'x_seconds_sum', 'y_total']);
  });
});
