// For the disabled <fieldset> around a viewer's form: fields look read-only rather than broken,
// and its buttons (Add rule, Remove…), which a viewer cannot use, are not shown at all.
export const readOnlyFieldsetClass =
  "min-w-0 [&_:is(input,select,textarea):disabled]:bg-slate-50 [&_:is(input,select,textarea):disabled]:text-slate-700 [&_:is(input,select,textarea):disabled]:shadow-none [&_button:disabled]:hidden";
