export function ErrorNotice({ error }: { error?: Error | null }) {
  if (!error) return null;
  return (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-200 ring-inset">
      {error.message}
    </p>
  );
}
