// The crisis and urgent screen (docs/tracking.md): shown whenever an answer carries "crisis_message"
// (PHQ-9 item 9 above 0, or thoughts of self-harm in the check-in) or "urgent_message" (a seizure,
// confusion or hallucinations), and by "Help now" at any time, signed in or not. Full screen, the
// only place with a strong colour, focus moved to it; it closes by its button or Escape, and focus
// goes back to where it was.
import { api } from './api';
import { h } from './dom';
import { session } from './session';
import './styles/urgent.css';
import type { CrisisContact, CrisisLines } from './api/types';

const TEL = /(\+?\d[\d ]{1,14}\d|\b\d{3}\b)/g;

// Without the server's list (offline): each number in the words as a tel: link, and "text" before
// a number as an sms: link to it ("call or text 988": both), so a phone can dial or text in one tap.
export function messageWithLinks(message: string): HTMLElement {
  const p = h('p', { class: 'crisis-message', 'data-testid': 'crisis-message' });
  let last = 0;
  for (const m of message.matchAll(TEL)) {
    const start = m.index ?? 0;
    const digits = m[0].replace(/\s/g, '');
    const before = message.slice(Math.max(0, message.lastIndexOf('\n', start)), start);
    // Whichever verb comes last before the number decides: "call 13 11 14 or text 0477 ...".
    const verbs = [...before.matchAll(/\b(call|text)\b/gi)];
    const lastVerb = verbs.length > 0 ? verbs[verbs.length - 1][1].toLowerCase() : 'call';
    const callOrText = /\bcall or text\s*$/i.exec(before);
    if (callOrText) {
      // "call or text 988": "text" opens a message, the number dials.
      const textAt = start - callOrText[0].length + callOrText[0].toLowerCase().lastIndexOf('text');
      p.append(
        message.slice(last, textAt),
        h('a', { href: `sms:${digits}` }, message.slice(textAt, textAt + 4)),
        message.slice(textAt + 4, start),
      );
    } else {
      p.append(message.slice(last, start));
    }
    p.append(h('a', { href: `${lastVerb === 'text' && !callOrText ? 'sms' : 'tel'}:${digits}` }, m[0]));
    last = start + m[0].length;
  }
  p.append(message.slice(last));
  return p;
}

function contactLink(c: CrisisContact): HTMLElement {
  return h('a', { href: c.href, class: `crisis-contact crisis-contact-${c.kind}` }, c.label);
}

// The country of the browser's language ("en-GB" -> "GB"), for Help now before signing in.
export function localeCountry(languages: readonly string[]): string {
  for (const tag of languages) {
    const region = /^[a-z]{2,3}[-_]([A-Za-z]{2})\b/.exec(tag);
    if (region) return region[1].toUpperCase();
  }
  return '';
}

async function crisisLines(): Promise<CrisisLines | null> {
  // Signed in, the server knows the person's country; before, the browser's language says it.
  const country = session() ? '' : localeCountry(navigator.languages ?? [navigator.language]);
  const path = country ? `/crisis-lines?country=${encodeURIComponent(country)}` : '/crisis-lines';
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), 3000));
  try {
    return await Promise.race([api.get<CrisisLines>(path), timeout]);
  } catch {
    return null;
  }
}

export interface CrisisOptions {
  title?: string;
  onClose?: () => void;
  lines?: CrisisLines | null; // already fetched (Help now)
  returnFocus?: HTMLElement | null; // where focus goes back to (default: where it was)
}

function buildScreen(
  message: string,
  contacts: CrisisContact[],
  title: string,
): { screen: HTMLElement; heading: HTMLElement; close: HTMLButtonElement } {
  const heading = h('h1', { id: 'crisis-title', tabindex: -1 }, title);
  const close = h('button', { type: 'button', class: 'crisis-close' }, 'I have read this, go back');
  const inner = h('div', { class: 'crisis-inner', id: 'crisis-body' }, heading);
  const emergency = contacts.filter((c) => c.kind === 'emergency');
  const others = contacts.filter((c) => c.kind !== 'emergency');
  if (contacts.length) {
    // The emergency number first, as the largest thing on the screen; the words; then the lines.
    if (emergency.length) inner.append(h('p', { class: 'crisis-emergency' }, ...emergency.map(contactLink)));
    inner.append(h('p', { class: 'crisis-message', 'data-testid': 'crisis-message' }, message));
    if (others.length)
      inner.append(
        h(
          'ul',
          { class: 'crisis-contacts', 'aria-label': 'Call or text now' },
          ...others.map((c) => h('li', {}, contactLink(c))),
        ),
      );
  } else {
    inner.append(messageWithLinks(message));
  }
  inner.append(close);
  const screen = h(
    'div',
    {
      id: 'crisis-screen',
      class: 'crisis-screen',
      role: 'alertdialog',
      'aria-modal': 'true',
      'aria-labelledby': 'crisis-title',
      'aria-describedby': 'crisis-body',
    },
    inner,
  );
  return { screen, heading, close };
}

export async function showCrisis(message: string, options: CrisisOptions | (() => void) = {}): Promise<HTMLElement> {
  const opts: CrisisOptions = typeof options === 'function' ? { onClose: options } : options;
  // Where focus was when the screen was asked for, before any wait.
  const previous = opts.returnFocus !== undefined ? opts.returnFocus : (document.activeElement as HTMLElement | null);
  const lines = opts.lines !== undefined ? opts.lines : await crisisLines();
  document.getElementById('crisis-screen')?.remove();
  const { screen, heading, close } = buildScreen(
    message,
    lines ? lines.contacts : [],
    opts.title ?? 'You do not have to face this alone',
  );
  const onKey = (ev: KeyboardEvent): void => {
    if (ev.key === 'Escape') {
      ev.preventDefault();
      shut();
    }
  };
  function shut(): void {
    screen.remove();
    document.removeEventListener('keydown', onKey);
    document.body.classList.remove('crisis-open');
    if (previous && previous !== document.body && previous.isConnected) previous.focus();
    opts.onClose?.();
  }
  close.addEventListener('click', shut);
  document.addEventListener('keydown', onKey);
  // Keep keyboard focus inside the screen while it is open.
  screen.addEventListener('keydown', (ev) => {
    if (ev.key !== 'Tab') return;
    const focusable = Array.from(screen.querySelectorAll<HTMLElement>('a, button'));
    if (focusable.length === 0) return;
    const first = focusable[0];
    const lastEl = focusable[focusable.length - 1];
    if (ev.shiftKey && document.activeElement === first) {
      ev.preventDefault();
      lastEl.focus();
    } else if (!ev.shiftKey && document.activeElement === lastEl) {
      ev.preventDefault();
      first.focus();
    }
  });
  document.body.appendChild(screen);
  document.body.classList.add('crisis-open');
  heading.focus();
  return screen;
}

// After a seizure, confusion or hallucinations: the same screen, with words for a medical emergency.
export function showUrgent(message: string, onClose?: () => void): Promise<HTMLElement> {
  const selfHarm = /thoughts of harming yourself|hurting yourself/i.test(message);
  return showCrisis(message, {
    title: selfHarm ? 'Please get help now: you do not have to face this alone' : 'Get medical help now',
    onClose,
  });
}

// When the numbers cannot be fetched (offline, server down), help is still shown.
const OFFLINE_HELP =
  'If you are in danger now, call your local emergency number.\n\n' +
  'Talk to someone now: a crisis line in your country, your doctor, or someone you trust.\n\n' +
  'Please also tell your prescriber or doctor today.\n';

// "Help now" in the header: the same screen, with the numbers for the person's country (before
// signing in, the browser's), whenever a person looks for them.
export async function showHelpNow(): Promise<HTMLElement> {
  const returnFocus = document.activeElement as HTMLElement | null;
  const lines = await crisisLines();
  return showCrisis(lines?.message ?? OFFLINE_HELP, { lines, returnFocus });
}
