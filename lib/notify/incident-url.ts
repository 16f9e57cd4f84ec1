/** The incident's page in Pipewatch: `${publicUrl}/incidents/${encodeURIComponent(id)}`; ids hold "/". */
export function incidentUrl(publicUrl: string, incidentId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/incidents/${encodeURIComponent(incidentId)}`;
}
