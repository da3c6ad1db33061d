/**
 * Forms described as data (./actionForms.ts) and rendered one way: labels, hints, field-level
 * messages in the reader's language beside each field and in a summary that links to them,
 * `aria-invalid` and `aria-describedby`, and values kept when the server refuses. The browser
 * checks what it can before sending (required, lengths, ranges, email, dates); what the server
 * still refuses is shown on the field it names, in the reader's language.
 */
import { useRef, useState } from 'preact/hooks';
import type { MessageKey, MessageVars } from '../../../messages';
import { t } from '../i18n';
import { readDraft, writeDraft } from './drafts';

export interface Choice {
  value: string;
  label: string;
}

interface Common {
  /** The JSON path of the value, e.g. `externalParty.email`. */
  name: string;
  label: MessageKey;
  /** Placeholders of the label, for repeated rows (`Department {n}`). */
  labelVars?: MessageVars;
  hint?: MessageKey;
  required?: boolean;
  /** Shown only while another field has this value. */
  showWhen?: { field: string; value: string };
}

export type FieldSpec =
  | (Common & { kind: 'select' | 'radio'; choices: Choice[]; valueType?: 'int' })
  | (Common & { kind: 'text' | 'email' | 'tel' | 'textarea'; maxLength: number; minLength?: number })
  | (Common & { kind: 'number'; valueType: 'int' | 'number'; min: number; max: number; step: string })
  | (Common & { kind: 'datetime' });

export type Values = Record<string, string>;
export type Errors = Record<string, string>;

const isShown = (field: FieldSpec, values: Values) => !field.showWhen || values[field.showWhen.field] === field.showWhen.value;

/** The browser-side checks, in the reader's language. */
export function validate(fields: readonly FieldSpec[], values: Values): Errors {
  const errors: Errors = {};
  for (const field of fields) {
    if (!isShown(field, values)) continue;
    const raw = (values[field.name] ?? '').trim();
    const label = t(field.label, field.labelVars);
    if (!raw) {
      if (field.required) errors[field.name] = t('console.validation.required', { field: label });
      continue;
    }
    switch (field.kind) {
      case 'text':
      case 'email':
      case 'tel':
      case 'textarea':
        if (field.minLength && [...raw].length < field.minLength) errors[field.name] = t('console.validation.tooShort', { field: label, min: field.minLength });
        else if ([...raw].length > field.maxLength) errors[field.name] = t('console.validation.tooLong', { field: label, max: field.maxLength });
        else if (field.kind === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(raw)) errors[field.name] = t('console.validation.email', { field: label });
        break;
      case 'number': {
        const value = Number(raw);
        if (!Number.isFinite(value) || (field.valueType === 'int' && !Number.isInteger(value))) errors[field.name] = t('console.validation.number', { field: label });
        else if (value < field.min || value > field.max) errors[field.name] = t('console.validation.range', { field: label, min: field.min, max: field.max });
        break;
      }
      case 'datetime':
        if (Number.isNaN(new Date(raw).getTime())) errors[field.name] = t('console.validation.date', { field: label });
        break;
      default:
        break;
    }
  }
  return errors;
}

/** The JSON body: dotted names nest; empty and hidden fields are left out; numbers and dates converted. */
export function serialise(fields: readonly FieldSpec[], values: Values, base: Record<string, unknown> = {}): Record<string, unknown> {
  const body: Record<string, unknown> = { ...base };
  for (const field of fields) {
    if (!isShown(field, values)) continue;
    const raw = (values[field.name] ?? '').trim();
    if (!raw) continue;
    let value: unknown = raw;
    if (field.kind === 'number' || ((field.kind === 'select' || field.kind === 'radio') && field.valueType === 'int')) value = Number(raw);
    if (field.kind === 'datetime') value = new Date(raw).toISOString();
    const parts = field.name.split('.');
    let node = body;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[parts[parts.length - 1]!] = value;
  }
  return body;
}

/** Server refusals (422 `fields`) on the fields they name, in the reader's language; others go to the summary. */
export function serverErrors(fields: readonly FieldSpec[], refused: Record<string, string> | undefined): Errors {
  const errors: Errors = {};
  for (const path of Object.keys(refused ?? {})) {
    const field = fields.find((f) => f.name === path || path.startsWith(`${f.name}.`));
    errors[field ? field.name : path] = t('console.validation.rejected', { field: field ? t(field.label, field.labelVars) : path });
  }
  return errors;
}

export interface FormProps {
  id: string;
  fields: readonly FieldSpec[];
  submitLabel: string;
  intro?: string;
  /** Returns field errors to show, or nothing when it went through. */
  onSubmit: (values: Values) => Promise<Errors | void>;
  initial?: Values;
  children?: preact.ComponentChildren;
  onValues?: (values: Values) => void;
  /** Keeps what is typed in this tab (./drafts.ts), so it outlives the end of a session; cleared when sent. */
  draftKey?: string;
}

export function Form({ id, fields, submitLabel, intro, onSubmit, initial, children, onValues, draftKey }: FormProps) {
  const [values, setValues] = useState<Values>(() => (draftKey ? readDraft(draftKey) : undefined) ?? initial ?? {});
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const fieldId = (name: string) => `${id}-${name.replace(/[^A-Za-z0-9]+/g, '-')}`;

  const update = (name: string, value: string) => {
    const next = { ...values, [name]: value };
    setValues(next);
    if (draftKey) writeDraft(draftKey, next);
    onValues?.(next);
  };
  const show = (found: Errors) => {
    setErrors(found);
    if (Object.keys(found).length > 0) setTimeout(() => summary.current?.focus(), 0);
  };

  return (
    <form
      id={id}
      class="action-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (busy) return;
        const found = validate(fields, values);
        if (Object.keys(found).length > 0) return show(found);
        setErrors({});
        setBusy(true);
        void onSubmit(values)
          .then((refused) => {
            if (refused && Object.keys(refused).length > 0) show(refused);
            else {
              if (draftKey) writeDraft(draftKey, null);
              setValues(initial ?? {});
              onValues?.(initial ?? {});
            }
          })
          .finally(() => setBusy(false));
      }}
    >
      {intro && <p class="hint">{intro}</p>}
      {Object.keys(errors).length > 0 && (
        <div class="summary" tabIndex={-1} ref={summary}>
          <h3>{t('console.validation.summary')}</h3>
          <ul>
            {Object.entries(errors).map(([name, message]) => (
              <li key={name}>
                <a
                  href={`#${fieldId(name)}`}
                  onClick={(event) => {
                    event.preventDefault();
                    document.getElementById(fieldId(name))?.focus();
                  }}
                >
                  {message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {fields.filter((field) => isShown(field, values)).map((field) => (
        <FieldBlock key={field.name} field={field} id={fieldId(field.name)} value={values[field.name] ?? ''} error={errors[field.name]} onValue={(v) => update(field.name, v)} />
      ))}
      {children}
      <button type="submit" disabled={busy}>
        {busy ? t('console.validation.sending') : submitLabel}
      </button>
    </form>
  );
}

function FieldBlock({ field, id, value, error, onValue }: { field: FieldSpec; id: string; value: string; error: string | undefined; onValue: (value: string) => void }) {
  const described = [field.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const optional = field.required ? null : <span class="optional"> {t('console.fields.optional')}</span>;
  const hint = field.hint ? (
    <p class="hint" id={`${id}-hint`}>
      {t(field.hint)}
    </p>
  ) : null;
  const message = error ? (
    <p class="field-error" id={`${id}-error`}>
      {error}
    </p>
  ) : null;
  const common = { id, name: field.name, 'aria-describedby': described, 'aria-invalid': error ? ('true' as const) : undefined, required: field.required };
  const onInput = (event: Event) => onValue((event.currentTarget as HTMLInputElement).value);

  if (field.kind === 'radio') {
    return (
      <fieldset class={error ? 'field has-error' : 'field'} aria-describedby={described}>
        <legend>
          {t(field.label, field.labelVars)}
          {optional}
        </legend>
        {hint}
        {message}
        {field.choices.map((choice, index) => (
          <div class="check" key={choice.value}>
            <input type="radio" id={index === 0 ? id : `${id}-${index}`} name={id} value={choice.value} checked={value === choice.value} onChange={onInput} />
            <label for={index === 0 ? id : `${id}-${index}`}>{choice.label}</label>
          </div>
        ))}
      </fieldset>
    );
  }
  let control;
  switch (field.kind) {
    case 'select':
      control = (
        <select {...common} value={value} onChange={onInput}>
          <option value="">{t('console.fields.choose')}</option>
          {field.choices.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      );
      break;
    case 'textarea':
      control = <textarea {...common} rows={3} value={value} onInput={onInput} />;
      break;
    case 'number':
      control = <input {...common} type="number" class="narrow" inputMode={field.valueType === 'int' ? 'numeric' : 'decimal'} min={field.min} max={field.max} step={field.step} value={value} onInput={onInput} />;
      break;
    case 'datetime':
      control = <input {...common} type="datetime-local" class="narrow" value={value} onInput={onInput} />;
      break;
    default:
      control = <input {...common} type={field.kind} list={undefined} autocomplete="off" value={value} onInput={onInput} />;
  }
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>
        {t(field.label, field.labelVars)}
        {optional}
      </label>
      {hint}
      {message}
      {control}
    </div>
  );
}
