// Form helpers: labelled fields with inline errors (aria-linked), and a submit hook mapping API errors to fields.
import type { ComponentChildren, JSX, PartialInputHTMLAttributes } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { type ApiClient, ApiError, NetworkError } from './api.ts';
import { apiErrorText, fieldErrorTexts } from './error-text.ts';
import { useT } from './i18n.ts';
import { kitMessages } from './kit-messages.ts';

export type FieldErrors = Record<string, string>;

const idOf = (name: string) => `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

interface FieldProps {
  name: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  children: (attrs: {
    id: string;
    name: string;
    'aria-invalid'?: 'true';
    'aria-describedby'?: string;
  }) => JSX.Element;
}

/** A label, the control (given its id and aria attributes), a hint and the field's error. */
export function Field({ name, label, error, hint, children }: FieldProps) {
  const id = idOf(name);
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={`field${error ? ' invalid' : ''}`}>
      <label for={id}>{label}</label>
      {children({
        id,
        name,
        ...(error ? { 'aria-invalid': 'true' as const } : {}),
        ...(described ? { 'aria-describedby': described } : {}),
      })}
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

// Preact's <input> typing ties `type` to a union TS cannot narrow from a prop; the element itself is plain.
const Input = 'input' as unknown as (props: PartialInputHTMLAttributes<HTMLInputElement>) => JSX.Element;

interface InputProps {
  name: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  error?: string | undefined;
  hint?: string | undefined;
  type?: 'text' | 'tel' | 'date' | 'datetime-local' | 'number' | 'password' | 'search';
  inputMode?: 'numeric' | 'text' | 'tel';
  autoComplete?: string;
  maxLength?: number;
  min?: string | number;
  max?: string | number;
  step?: number;
  required?: boolean;
}

export function TextField({ name, label, value, onValue, error, hint, type, ...rest }: InputProps) {
  return (
    <Field name={name} label={label} error={error} hint={hint}>
      {(attrs) => (
        <Input
          {...rest}
          {...attrs}
          type={type ?? 'text'}
          value={value}
          onInput={(e) => onValue(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}

export function TextAreaField(props: {
  name: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  error?: string | undefined;
  hint?: string | undefined;
  maxLength?: number;
  rows?: number;
}) {
  return (
    <Field name={props.name} label={props.label} error={props.error} hint={props.hint}>
      {(attrs) => (
        <textarea
          {...attrs}
          rows={props.rows ?? 3}
          maxLength={props.maxLength}
          value={props.value}
          onInput={(e) => props.onValue(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}

interface SelectProps {
  name: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  options: { value: string; label: string }[];
  placeholder?: string;
  error?: string | undefined;
  required?: boolean;
}

export function SelectField({
  name,
  label,
  value,
  onValue,
  options,
  placeholder,
  error,
  required,
}: SelectProps) {
  return (
    <Field name={name} label={label} error={error}>
      {(attrs) => (
        <select {...attrs} required={required} value={value} onChange={(e) => onValue(e.currentTarget.value)}>
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A message for the whole form (role=alert so screen readers announce it). */
export function FormMessage({ children }: { children?: ComponentChildren }) {
  if (!children) return null;
  return (
    <p class="form-message" role="alert">
      {children}
    </p>
  );
}

/**
 * Shown while a request waits to be sent again (a region failing over): the citizen sees "retrying", not an error.
 * role=status: announced politely, and gone once the request is answered.
 */
export function RetryingNotice({ api }: { api: Pick<ApiClient, 'onRetrying'> }) {
  const t = useT(kitMessages);
  const [retrying, setRetrying] = useState(false);
  useEffect(() => api.onRetrying((state) => setRetrying(state !== null)), [api]);
  if (!retrying) return null;
  return (
    <p class="form-retrying" role="status">
      {t('retrying')}
    </p>
  );
}

export interface Submit {
  busy: boolean;
  /** Errors by field path, from the server or from local checks. */
  errors: FieldErrors;
  /** One sentence for the whole form: what went wrong and what to do next. */
  message: string;
  setErrors(errors: FieldErrors): void;
  run(action: () => Promise<void>): Promise<void>;
}

/** Runs a submit action: 400 details go to their fields; 429, network and server errors become the message. */
export function useSubmit(): Submit {
  const t = useT(kitMessages);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState('');
  return {
    busy,
    errors,
    message,
    setErrors,
    async run(action) {
      if (busy) return;
      setBusy(true);
      setErrors({});
      setMessage('');
      try {
        await action();
      } catch (error) {
        const { fields, text } = describeError(error, t);
        setErrors(fields);
        setMessage(text);
      } finally {
        setBusy(false);
      }
    },
  };
}

/** Field errors and the sentence to show for any error a request can throw. */
export function describeError(
  error: unknown,
  t: (key: 'network' | 'tooMany' | 'unauthorized' | 'server' | 'fixFields') => string,
): { fields: FieldErrors; text: string } {
  if (error instanceof NetworkError) return { fields: {}, text: t('network') };
  if (!(error instanceof ApiError)) return { fields: {}, text: t('server') };
  if (error.status === 429) return { fields: {}, text: t('tooMany') };
  if (error.status >= 500) return { fields: {}, text: t('server') };
  // In the page's language (web/kit/error-text.ts), not the API's English.
  const fields = fieldErrorTexts(error);
  if (Object.keys(fields).length > 0) return { fields, text: t('fixFields') };
  return { fields: {}, text: apiErrorText(error) };
}
