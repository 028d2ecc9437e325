// Which HTTP answers are worth retrying: timeouts, overload and server failures can pass by
// themselves. Other 4xx answers mean the request itself is wrong (URL, credentials, payload),
// so sending it again would be refused the same way.
const retryableStatuses = new Set([408, 425, 429]);

export function isRetryableStatus(status: number): boolean {
  return status >= 500 || retryableStatuses.has(status);
}
