import { t, type MessageKey } from '../i18n/i18n';
import { ApiError } from '../net/api';
import { h, i18n } from './dom';
import { ROOM_PASSWORD_MIN_LENGTH } from './settingsPatch';

/** One labelled input of a form; its error line is announced to screen readers. */
export interface Field {
  name: string;
  label: MessageKey;
  type?: 'text' | 'email' | 'password' | 'number' | 'url' | 'search';
  autocomplete?: string;
  required?: boolean;
  minlength?: number;
  maxlength?: number;
  min?: number;
  max?: number;
  value?: string;
  hint?: MessageKey;
}

export interface FormHandle {
  readonly element: HTMLFormElement;
  readonly inputs: Record<string, HTMLInputElement>;
  /** Shows an error: per field when the server named fields, else on the form; a string as it is. */
  showError(e: unknown): void;
  showMessage(text: string): void;
  clear(): void;
}

/** Known problem types and error states, in the reader's language; anything else shows the server's words. */
const PROBLEM_KEYS: Record<string, MessageKey> = {
  'invalid-credentials': 'problem.invalidCredentials',
  'too-many-attempts': 'problem.tooManyAttempts',
  'email-taken': 'problem.emailTaken',
  'wrong-password': 'problem.wrongPassword',
  'too-many-password-guesses': 'problem.tooManyPasswordGuesses',
  'invalid-room-password': 'settings.passwordTooShort',
  'invalid-token': 'problem.invalidToken',
  network: 'error.network',
};

export function describeError(e: unknown): string {
  if (e instanceof ApiError) {
    const key = PROBLEM_KEYS[e.slug];
    if (key) return t(key, { seconds: e.retryAfterSeconds ?? 60, min: ROOM_PASSWORD_MIN_LENGTH });
    if (e.status === 401) return t('problem.signedOut');
    if (e.status === 403) return e.detail ? t('problem.forbiddenDetail', { message: e.detail }) : t('problem.forbidden');
    return e.detail ?? e.title;
  }
  return t('error.generic', { message: e instanceof Error ? e.message : String(e) });
}

/**
 * A form of labelled fields with a submit button. While `onSubmit` runs the button is disabled,
 * so a double click does not send twice.
 */
export function form(opts: {
  id: string;
  title?: MessageKey;
  intro?: MessageKey;
  fields: Field[];
  submit: MessageKey;
  className?: string;
  onSubmit: (values: Record<string, string>, handle: FormHandle) => Promise<void>;
  extra?: Node[];
}): FormHandle {
  const inputs: Record<string, HTMLInputElement> = {};
  const fieldErrors: Record<string, HTMLElement> = {};
  const rows: Node[] = [];
  for (const f of opts.fields) {
    const id = `${opts.id}-${f.name}`;
    const input = h('input', {
      id, name: f.name, type: f.type ?? 'text', autocomplete: f.autocomplete, required: f.required,
      minlength: f.minlength, maxlength: f.maxlength, min: f.min, max: f.max, value: f.value,
      'aria-describedby': `${id}-error${f.hint ? ` ${id}-hint` : ''}`,
    });
    const error = h('p', { class: 'field-error', id: `${id}-error`, 'aria-live': 'polite' });
    inputs[f.name] = input;
    fieldErrors[f.name] = error;
    rows.push(h('div', { class: 'field' },
      i18n(h('label', { for: id }), f.label), input,
      f.hint ? i18n(h('p', { class: 'hint', id: `${id}-hint` }), f.hint) : null, error));
  }
  const error = h('p', { class: 'error', role: 'alert' });
  const message = h('p', { class: 'ok', role: 'status' });
  const button = i18n(h('button', { type: 'submit', class: 'primary' }), opts.submit);
  const element = h('form', { class: opts.className ?? 'card narrow', id: opts.id, novalidate: true },
    opts.title ? i18n(h((opts.className ?? 'card narrow').includes('narrow') ? 'h1' : 'h2'), opts.title) : null,
    opts.intro ? i18n(h('p', { class: 'muted' }), opts.intro) : null,
    ...rows, error, message, button, ...(opts.extra ?? []));

  const clear = () => {
    error.textContent = '';
    message.textContent = '';
    for (const [name, el] of Object.entries(fieldErrors)) {
      el.textContent = '';
      inputs[name]?.removeAttribute('aria-invalid');
    }
  };
  const handle: FormHandle = {
    element, inputs, clear,
    showError(e) {
      clear();
      if (typeof e === 'string') {
        error.textContent = e;
        return;
      }
      let placed = false;
      if (e instanceof ApiError) {
        for (const fe of e.errors) {
          const el = fieldErrors[fe.field];
          if (el) {
            el.textContent = fe.message;
            inputs[fe.field]?.setAttribute('aria-invalid', 'true');
            placed = true;
          }
        }
      }
      const unplaced = e instanceof ApiError ? e.errors.filter((fe) => !fieldErrors[fe.field]) : [];
      if (!placed) error.textContent = [describeError(e), ...unplaced.map((fe) => `${fe.field}: ${fe.message}`)].join(' ');
      else if (unplaced.length) error.textContent = unplaced.map((fe) => `${fe.field}: ${fe.message}`).join(' ');
      if (placed) element.querySelector<HTMLInputElement>('[aria-invalid=true]')?.focus();
    },
    showMessage(text) {
      clear();
      message.textContent = text;
    },
  };
  element.addEventListener('submit', (ev) => {
    ev.preventDefault();
    clear();
    // The browser's own checks (required, type=email, lengths) with our messages beside the field.
    for (const f of opts.fields) {
      const input = inputs[f.name]!;
      if (!input.checkValidity()) {
        fieldErrors[f.name]!.textContent = validityMessage(input);
        input.setAttribute('aria-invalid', 'true');
        input.focus();
        return;
      }
    }
    const values: Record<string, string> = {};
    for (const [name, input] of Object.entries(inputs)) values[name] = input.type === 'password' ? input.value : input.value.trim();
    button.disabled = true;
    opts.onSubmit(values, handle).catch((e: unknown) => handle.showError(e)).finally(() => (button.disabled = false));
  });
  return handle;
}

/** A page-level notice (loading, failed, empty). */
export function notice(key: MessageKey, kind: 'muted' | 'error' = 'muted'): HTMLElement {
  return i18n(h('p', { class: kind, ...(kind === 'error' ? { role: 'alert' } : {}) }), key);
}

/** The browser's checks, in the page's language rather than the browser's. */
function validityMessage(input: HTMLInputElement): string {
  const v = input.validity;
  if (v.valueMissing) return t('form.required');
  if (v.typeMismatch && input.type === 'email') return t('form.email');
  if (v.tooShort) return t('form.tooShort', { min: input.minLength });
  if (v.tooLong) return t('form.tooLong', { max: input.maxLength });
  return input.validationMessage;
}
