"use client";

import type { ReactNode } from "react";

import { Button } from "./button";
import { Dialog } from "./dialog";
import { ErrorNotice } from "./error-notice";

export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  pending: boolean;
  error?: Error | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <Dialog open={props.open} onClose={props.onClose} title={props.title}>
      <div className="space-y-4 text-sm text-slate-700">
        {props.children}
        <ErrorNotice error={props.error} />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={props.onClose}>
            Cancel
          </Button>
          <Button variant="danger" onClick={props.onConfirm} disabled={props.pending}>
            {props.pending ? "Working…" : props.confirmLabel}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
