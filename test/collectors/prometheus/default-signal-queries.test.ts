import { describe, expect, it } from 'vitest';
import { buildDefaultSignalQueries, formatPromqlDuration } from '../../../collectors/prometheus/default-signal-queries';
import { SIGNAL_NAMES } from '../../../lib/signals/signals';

describe('buildDefaultSignalQueries', () => {
  const cases = [
    {
      desc: 'defaults: 10 s window, by consumer_group',
      options: {},
      expected: {
        recordsProcessedPerSec: 'sum by (consumer_group) (rate(ingest_records_processed_total[10s]))',
        sinkLatencyP99Seconds: 'histogram_quantile(0.99, sum by (consumer_group, le) (rate(ingest_sink_request_duration_seconds_bucket[10s])))',
        sinkTransientErrorsPerSec:
          'sum by (consumer_group) (rate(ingest_sink_errors_total{error_class="transient"}[10s])) or (0 * sum by (consumer_group) (rate(ingest_sink_request_duration_seconds_count[10s])))',
        consumersPaused: 'sum by (consumer_group) (last_over_time(ingest_consumer_paused[10s]))',
      },
    },
    {
      desc: 'a 1 m window and another group label',
      options: { rateWindowSeconds: 60, groupLabel: 'group' },
      expected: {
        retriesPerSec: 'sum by (group) (rate(ingest_sink_retries_total[60s]))',
        sinkLatencyP50Seconds: 'histogram_quantile(0.5, sum by (group, le) (rate(ingest_sink_request_duration_seconds_bucket[60s])))',
        consumersPaused: 'sum by (group) (last_over_time(ingest_consumer_paused[60s]))',
      },
    },
    {
      desc: 'a fractional window in ms',
      options: { rateWindowSeconds: 7.5 },
      expected: { dlqPublishesPerSec: 'sum by (consumer_group) (rate(ingest_dlq_records_total[7500ms]))' },
    },
  ];
  it.each(cases)('$desc', ({ options, expected }) => expect(buildDefaultSignalQueries(options)).toMatchObject(expected));

  it('has a query for every signal, each aggregated by the group label', () => {
    const queries = buildDefaultSignalQueries({ groupLabel: 'g' });
    expect(Object.keys(queries).sort()).toEqual([...SIGNAL_NAMES].sort());
    for (const promql of Object.values(queries)) expect(promql).toMatch(/sum by \(g[,)]/);
  });

  it.each([
    { desc: 'a label with a quote (would inject PromQL)', options: { groupLabel: 'a") or vector(1' }, expected: /not a Prometheus label name/ },
    { desc: 'a zero window', options: { rateWindowSeconds: 0 }, expected: /positive number of seconds/ },
    { desc: 'a NaN window', options: { rateWindowSeconds: NaN }, expected: /positive number of seconds/ },
  ])('rejects $desc', ({ options, expected }) => expect(() => buildDefaultSignalQueries(options)).toThrow(expected));
});

describe('formatPromqlDuration', () => {
  it.each([
    { seconds: 10, expected: '10s' },
    { seconds: 0.25, expected: '250ms' },
    { seconds: 90, expected: '90s' },
    { seconds: 1.0004, expected: '1s' },
  ])('$seconds s → $expected', ({ seconds, expected }) => expect(formatPromqlDuration(seconds)).toBe(expected));
});
