/** The log of a long-running `pipewatch serve` or `collect`: one line each, stamped in UTC. */
export function createTimestampedLog(write: (text: string) => void = console.log, now: () => Date = () => new Date()): (line: string) => void {
  return (line) => write(`${now().toISOString()} ${line}`);
}
