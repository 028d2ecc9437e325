import { CopyButton } from "./copy-button";

/** Code under a title bar that holds its Copy button, so the button never covers a line of code. */
export function CodeBlock({ code, title, copyLabel }: { code: string; title: string; copyLabel: string }) {
  return (
    <div className="overflow-hidden rounded-lg bg-slate-900 ring-1 ring-slate-900">
      <div className="flex items-center justify-between gap-2 border-b border-white/10 bg-slate-800 py-1.5 pr-1.5 pl-4">
        <span className="font-mono text-xs text-slate-300">{title}</span>
        <CopyButton text={code} label={copyLabel} />
      </div>
      {/* It scrolls sideways, so it takes focus for keyboard users. */}
      <pre
        role="region"
        aria-label={title}
        tabIndex={0}
        className="overflow-x-auto p-4 text-[13px] leading-relaxed text-slate-100"
      >
        <code className="font-mono">{code}</code>
      </pre>
    </div>
  );
}
