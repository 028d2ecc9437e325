import { Button } from "./button";

/** The Cancel / submit row at the foot of every form; the submit button shows progress while `pending`. */
export function FormActions(props: {
  submitLabel: string;
  pendingLabel?: string;
  pending: boolean;
  onCancel: () => void;
  divided?: boolean;
}) {
  return (
    <div className={`flex justify-end gap-2 ${props.divided ? "border-t border-slate-100 pt-4" : ""}`}>
      <Button variant="secondary" onClick={props.onCancel}>
        Cancel
      </Button>
      <Button type="submit" disabled={props.pending}>
        {props.pending ? (props.pendingLabel ?? "Saving…") : props.submitLabel}
      </Button>
    </div>
  );
}
