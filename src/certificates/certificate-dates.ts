/** Dates as certificates and the verification page show them. Pure. */

/** Formats a `YYYY-MM-DD` day as "21 November 2026" (English, as the certificate is). */
export function formatCertificateDate(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}
