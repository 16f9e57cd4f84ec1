import { describe, expect, it } from 'vitest';
import { routeOfUrl, routePattern } from '../../../server/http/route-pattern';

describe('routePattern: a bounded set of names, never an id', () => {
  const cases = [
    { desc: 'the probes and /metrics', input: '/readyz', expected: '/readyz' },
    { desc: 'a page', input: '/incident', expected: '/incident' },
    { desc: "Next's assets fold into one", input: '/_next/static/chunks/app-4f3a.js', expected: '/_next/*' },
    { desc: 'the pipeline list', input: '/api/pipelines', expected: '/api/pipelines' },
    { desc: 'one pipeline', input: '/api/pipelines/fraud-features', expected: '/api/pipelines/:id' },
    { desc: "a pipeline's history", input: '/api/pipelines/fraud-features/history', expected: '/api/pipelines/:id/history' },
    { desc: 'an incident id with slashes encoded', input: '/api/incidents/fraud%2Fslow-sink%2F1714564800000', expected: '/api/incidents/:id' },
    { desc: 'an action on an incident', input: '/api/incidents/x/acknowledge', expected: '/api/incidents/:id/acknowledge' },
    { desc: 'figures is a name, not an id', input: '/api/incidents/figures', expected: '/api/incidents/figures' },
    { desc: 'a mute', input: '/api/mutes/12', expected: '/api/mutes/:id' },
    { desc: 'an unknown action', input: '/api/incidents/x/explode', expected: '/api/other' },
    { desc: 'an unknown API resource', input: '/api/secrets/abc', expected: '/api/other' },
    { desc: 'an unknown page', input: '/wp-login.php', expected: 'other' },
  ];
  it.each(cases)('$desc', ({ input, expected }) => {
    expect(routePattern(input)).toBe(expected);
  });

  it('drops the query, where a ?token= would be', () => {
    expect(routeOfUrl('/?token=0123456789abcdef0123')).toBe('/');
  });
});
