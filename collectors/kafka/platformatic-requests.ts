import { ResponseError, kGetApi, kGetBootstrapConnection, kGetConnection, type Admin, type API, type Broker, type Connection } from '@platformatic/kafka';
import { consumerGroupDescribeV0 } from './consumer-group-describe';

/** Where a request goes: a broker by address, or whichever broker the client reaches first. */
export type RequestTarget = Broker | 'any';

export interface KafkaRequests {
  /**
   * One request to one broker, at the highest version both the client and the broker speak,
   * encoded and parsed by the client. An answer whose items carry error codes is still returned:
   * the caller reads each item's code.
   */
  send<R>(apiName: string, target: RequestTarget, args: unknown[]): Promise<R>;
}

/** One request as it finished, for /metrics: `error` when no answer came (connection refused, timeout), not for error codes in an answer. */
export type KafkaRequestObserver = (request: { api: string; durationMs: number; error: boolean }) => void;

/**
 * KafkaRequests over the connections of a @platformatic/kafka Admin. The client's own admin calls
 * each look up coordinators again and fail whole on one group's error code; its low-level APIs
 * (apis/, exported) and its connection pool let the source batch per broker, cache coordinators
 * and keep one group's error to that group. The client raises an answer with error codes as a
 * ResponseError that holds the whole parsed response, which is what is returned here.
 * ConsumerGroupDescribe, whose parser in the client is wrong, is sent with this source's own
 * (consumer-group-describe.ts), once the client has confirmed that the broker speaks it.
 */
export function createKafkaRequests(admin: Admin, observe: KafkaRequestObserver = () => {}): KafkaRequests {
  const connectionTo = (target: RequestTarget) =>
    new Promise<Connection>((resolve, reject) => {
      const done = (error: Error | null, connection?: Connection) => (error ? reject(error) : resolve(connection!));
      if (target === 'any') admin[kGetBootstrapConnection](done);
      else admin[kGetConnection](target, done);
    });
  const apiNamed = <R>(name: string) =>
    new Promise<API<unknown[], R>>((resolve, reject) => {
      admin[kGetApi]<unknown[], R>(name, (error, api) => (error ? reject(error) : resolve(api!)));
    });
  return {
    async send<R>(apiName: string, target: RequestTarget, args: unknown[]): Promise<R> {
      const startedMs = performance.now();
      const finished = (error: boolean) => observe({ api: apiName, durationMs: performance.now() - startedMs, error });
      let connection: Connection;
      try {
        connection = await connectionTo(target);
      } catch (error) {
        finished(true);
        throw error;
      }
      const negotiated = await apiNamed<R>(apiName);
      const api = (OWN_APIS[apiName] as API<unknown[], R> | undefined) ?? negotiated;
      try {
        const answer = await api.async(connection, ...args);
        finished(false);
        return answer;
      } catch (error) {
        const response = error instanceof ResponseError ? (error as { response?: R }).response : undefined;
        finished(response === undefined);
        if (response !== undefined) return response;
        throw error;
      }
    },
  };
}

const OWN_APIS: Record<string, unknown> = { ConsumerGroupDescribe: consumerGroupDescribeV0 };
