const withMinutes = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
// The delivery log is a narrow column of events often seconds apart: no year, but seconds.
const compactWithSeconds = new Intl.DateTimeFormat(undefined, {
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

export function formatDateTime(iso: string, opts: { compact?: boolean } = {}): string {
  return (opts.compact ? compactWithSeconds : withMinutes).format(new Date(iso));
}
