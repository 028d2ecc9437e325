/**
 * Copies text to the clipboard. The Clipboard API exists only in secure contexts, and a self-hosted
 * Workbench is often opened over plain http on a LAN, so a hidden-textarea copy is the fallback.
 */
export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // Fall through: no Clipboard API here, or the browser refused it.
  }
  const textarea = document.createElement("textarea");
  textarea.value = text;
  textarea.setAttribute("readonly", "");
  textarea.style.position = "fixed";
  textarea.style.opacity = "0";
  document.body.append(textarea);
  textarea.select();
  const copied = document.execCommand("copy");
  textarea.remove();
  if (!copied) throw new Error("The browser did not allow copying");
}
