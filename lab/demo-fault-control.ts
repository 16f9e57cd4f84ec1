import type { FaultControl } from '../server/api/api-routes';

/**
 * The dashboard's fault panel, forwarded to the lab pipeline's control endpoint
 * (lab/pipeline/control-server.ts). Its answers pass through as they are, errors included.
 */
export function createDemoFaultControl(controlUrl: string, fetchFn: typeof fetch = fetch): FaultControl {
  async function call(init: RequestInit): Promise<{ status: number; body: unknown }> {
    try {
      const response = await fetchFn(`${controlUrl}/faults`, { ...init, signal: AbortSignal.timeout(5_000) });
      const text = await response.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = { error: text };
      }
      return { status: response.status, body };
    } catch (error) {
      return { status: 502, body: { error: `the demo pipeline's control endpoint ${controlUrl} does not answer (${(error as Error).message}); is the lab up? npm run lab:up` } };
    }
  }
  return {
    list: () => call({ method: 'GET' }),
    start: (body) => call({ method: 'POST', body: JSON.stringify(body ?? {}), headers: { 'content-type': 'application/json' } }),
  };
}
