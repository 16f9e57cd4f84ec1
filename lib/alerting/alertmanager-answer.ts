import type { AlertmanagerParseResult, PayloadIssue } from './parse-alertmanager-payload';
import { assertNever } from '../assert-never';

export type AlertmanagerAnswerBody =
  | { status: 'accepted'; alerts: number; truncatedAlerts: number; warning: string | null }
  | { status: 'rejected'; error: string; issues: PayloadIssue[] };

/**
 * The HTTP answer to POST /api/alertmanager. Alertmanager reads only the status code (it retries on
 * 5xx, not on 4xx, so a malformed payload is not resent forever); the body is for whoever runs curl.
 */
export function buildAlertmanagerAnswer(result: AlertmanagerParseResult): { httpStatus: 200 | 400; body: AlertmanagerAnswerBody } {
  switch (result.kind) {
    case 'accepted':
      return {
        httpStatus: 200,
        body: { status: 'accepted', alerts: result.batch.alerts.length, truncatedAlerts: result.batch.truncatedAlerts, warning: result.truncation?.message ?? null },
      };
    case 'unsupported-version':
      return { httpStatus: 400, body: { status: 'rejected', error: result.message, issues: [{ path: 'version', problem: result.message }] } };
    case 'malformed':
      return { httpStatus: 400, body: { status: 'rejected', error: result.message, issues: result.issues } };
    default:
      return assertNever(result, 'Alertmanager parse result');
  }
}
