/** Pretty JSON in a scrollable, focusable dark block, named for screen readers. */
export function JsonBlock({ value, label, className = "" }: { value: unknown; label: string; className?: string }) {
  return (
    <pre
      role="region"
      aria-label={label}
      tabIndex={0}
      className={`max-h-80 overflow-auto rounded-lg bg-slate-900 p-3 font-mono text-[12.5px] leading-relaxed text-slate-100 ${className}`}
    >
      {formatJson(value)}
    </pre>
  );
}

export function formatJson(value: unknown): string {
  if (value === undefined) return "(none)";
  return JSON.stringify(value, null, 2) ?? String(value);
}
