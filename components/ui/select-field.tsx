import { useId, type SelectHTMLAttributes } from "react";

import { FieldFrame, inputClass, type FieldProps } from "./text-field";

export function SelectField({
  label,
  error,
  hint,
  children,
  ...props
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint}>
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={`${inputClass} bg-white pr-8`}
        {...props}
      >
        {children}
      </select>
    </FieldFrame>
  );
}
