// Small DOM helpers. Elements are built with createElement and textContent, never from HTML
// strings, so nothing the server or a person types can become markup.

type Attrs = Record<string, string | number | boolean | undefined | null>;
export type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = String(value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

let idCounter = 0;
export function uid(prefix: string): string {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

// A labelled form field with a slot for its error message (aria-describedby).
export interface Field {
  wrap: HTMLElement;
  input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
  error: HTMLElement;
}

export function field(
  label: string,
  input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
  hint?: string,
): Field {
  if (!input.id) input.id = uid('f');
  const error = h('p', { class: 'field-error', id: `${input.id}-error`, 'aria-live': 'polite' });
  const described = [error.id];
  let hintEl: HTMLElement | null = null;
  if (hint) {
    hintEl = h('p', { class: 'hint', id: `${input.id}-hint` }, hint);
    described.unshift(hintEl.id);
  }
  input.setAttribute('aria-describedby', described.join(' '));
  const wrap = h('div', { class: 'field' }, h('label', { for: input.id }, label), hintEl, input, error);
  return { wrap, input, error };
}

export function setFieldError(f: Field, message: string): void {
  f.error.textContent = message;
  if (message) f.input.setAttribute('aria-invalid', 'true');
  else f.input.removeAttribute('aria-invalid');
}

// A listener that waits on something (an API call, a permission prompt): the element cannot wait
// for it, so a failure the listener did not handle itself is reported here, never left as an
// unhandled rejection.
export function asyncListener<E extends Event>(listener: (ev: E) => Promise<void>): (ev: E) => void {
  return (ev) => {
    listener(ev).catch((e: unknown) => console.error(e));
  };
}

export function button(text: string, onClick: (ev: MouseEvent) => void, cls = ''): HTMLButtonElement {
  const b = h('button', { type: 'button', class: cls || undefined }, text);
  b.addEventListener('click', onClick);
  return b;
}

// A polite live region for results and status messages.
export function liveRegion(cls = 'status'): HTMLElement {
  return h('p', { class: cls, role: 'status', 'aria-live': 'polite' });
}

export function numberInput(min: number, max: number, step = 1, value?: number): HTMLInputElement {
  const input = h('input', { type: 'number', min, max, step, inputmode: 'numeric' });
  if (value !== undefined) input.value = String(value);
  return input;
}

export function readNumber(input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement): number | undefined {
  const text = input.value.trim();
  if (text === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

export function formatMg(mg: number): string {
  return `${Number(mg.toFixed(3))} mg`;
}

export function prescriberNote(): HTMLElement {
  return h(
    'p',
    { class: 'prescriber-note' },
    'Plans and results here are for discussion with your prescriber. Do not change your dose without them.',
  );
}
