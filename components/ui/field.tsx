import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";

const controlClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500 aria-[invalid=true]:border-red-500";

type FieldShellProps = { id: string; label: string; hint?: ReactNode; errors?: string[]; children: ReactNode };

/** Label, control, hint and every error message for one form field, wired for screen readers. */
export function FieldShell({ id, label, hint, errors, children }: FieldShellProps) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      {hint && !errors?.length ? <p className="text-xs text-slate-500">{hint}</p> : null}
      {errors?.length ? (
        <ul id={`${id}-error`} className="text-xs text-red-600" role="alert">
          {errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

type Common = { name: string; label: string; hint?: ReactNode; errors?: string[] };

/** The given id, or one unique on the page: several forms may have a field of the same name. */
function useFieldId(id: string | undefined, name: string) {
  const generated = useId();
  return id ?? `field-${name}-${generated.replace(/[^a-zA-Z0-9_-]/g, "")}`;
}

export function TextField({ name, label, hint, errors, id, ...props }: Common & InputHTMLAttributes<HTMLInputElement>) {
  const fieldId = useFieldId(id, name);
  return (
    <FieldShell id={fieldId} label={label} hint={hint} errors={errors}>
      <input
        id={fieldId}
        name={name}
        className={controlClass}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${fieldId}-error` : undefined}
        {...props}
      />
    </FieldShell>
  );
}

export function TextAreaField({ name, label, hint, errors, id, ...props }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const fieldId = useFieldId(id, name);
  return (
    <FieldShell id={fieldId} label={label} hint={hint} errors={errors}>
      <textarea id={fieldId} name={name} className={controlClass} aria-invalid={errors?.length ? true : undefined} {...props} />
    </FieldShell>
  );
}

export function SelectField({
  name,
  label,
  hint,
  errors,
  id,
  options,
  ...props
}: Common & SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[] }) {
  const fieldId = useFieldId(id, name);
  return (
    <FieldShell id={fieldId} label={label} hint={hint} errors={errors}>
      <select id={fieldId} name={name} className={controlClass} aria-invalid={errors?.length ? true : undefined} {...props}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** A labelled checkbox with its hint and every error; unchecked boxes are absent from FormData. */
export function CheckboxField({ name, label, hint, errors, id, ...props }: Common & Omit<InputHTMLAttributes<HTMLInputElement>, "type">) {
  const fieldId = useFieldId(id, name);
  return (
    <div className="space-y-1">
      <div className="flex items-start gap-2">
        <input
          id={fieldId}
          name={name}
          type="checkbox"
          className="mt-0.5 h-4 w-4 rounded border-slate-300 text-brand-600 focus:ring-2 focus:ring-brand-500"
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={errors?.length ? `${fieldId}-error` : hint ? `${fieldId}-hint` : undefined}
          {...props}
        />
        <label htmlFor={fieldId} className="text-sm font-medium text-slate-700">
          {label}
        </label>
      </div>
      {hint && !errors?.length ? (
        <p id={`${fieldId}-hint`} className="pl-6 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <ul id={`${fieldId}-error`} className="pl-6 text-xs text-red-600" role="alert">
          {errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
