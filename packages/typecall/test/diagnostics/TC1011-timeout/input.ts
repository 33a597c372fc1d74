/**
 * Exports a report.
 * @timeout five seconds
 */
export function exportReport(id: string): string {
  return id;
}
