/** The value of a PromQL expression that yields one sample, or undefined when it yields none. */
export async function queryScalar(prometheusUrl: string, promql: string): Promise<number | undefined> {
  const response = await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(promql)}`);
  const body = (await response.json()) as {
    status: string;
    error?: string;
    data?: { result: { value: [number, string] }[] };
  };
  if (body.status !== 'success') throw new Error(`Prometheus rejected ${promql}: ${body.error}`);
  const sample = body.data?.result[0];
  return sample === undefined ? undefined : Number(sample.value[1]);
}
