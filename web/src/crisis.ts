// The crisis screen (tracking.md): shown whenever an answer carries "crisis_message" (PHQ-9
// item 9 above 0, or thoughts of self-harm in the check-in). Full screen, the only place with a
// strong colour, focus moved to it; it closes only by an explicit button.
import { api } from './api';
import { h } from './dom';

const TEL = /(\+?\d[\d ]{1,14}\d|\b\d{3}\b)/g;

// The message with each phone number also as a tel: link (sms: for a text-only number), so a
// phone can dial it in one tap.
function messageWithLinks(message: string): HTMLElement {
  const p = h('p', { class: 'crisis-message', 'data-testid': 'crisis-message' });
  let last = 0;
  for (const m of message.matchAll(TEL)) {
    const start = m.index ?? 0;
    p.append(message.slice(last, start));
    const digits = m[0].replace(/\s/g, '');
    // "text SHOUT to 85258" is a text-message number; "call or text 988" can be dialled.
    const before = message.slice(Math.max(0, message.lastIndexOf('\n', start)), start);
    // Whichever verb comes last before the number decides: "call 13 11 14 or text 0477 ...".
    const verbs = [...before.matchAll(/\b(call|text)\b/gi)];
    const textOnly = verbs.length > 0 && verbs[verbs.length - 1][1].toLowerCase() === 'text' && !/\bcall or text\s*$/i.test(before);
    p.append(h('a', { href: `${textOnly ? 'sms' : 'tel'}:${digits}` }, m[0]));
    last = start + m[0].length;
  }
  p.append(message.slice(last));
  return p;
}

export function showCrisis(message: string, onClose?: () => void): HTMLElement {
  document.getElementById('crisis-screen')?.remove();
  const previous = document.activeElement as HTMLElement | null;
  const heading = h('h1', { id: 'crisis-title', tabindex: -1 }, 'You do not have to face this alone');
  const close = h('button', { type: 'button', class: 'crisis-close' }, 'I have read this, go back');
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
    h(
      'div',
      { class: 'crisis-inner', id: 'crisis-body' },
      heading,
      messageWithLinks(message),
      close,
    ),
  );
  close.addEventListener('click', () => {
    screen.remove();
    document.body.classList.remove('crisis-open');
    previous?.focus?.();
    onClose?.();
  });
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

// When the numbers cannot be fetched (offline, server down), help is still shown.
const OFFLINE_HELP =
  'If you are in danger now, call your local emergency number.\n\n' +
  'Talk to someone now: a crisis line in your country, your doctor, or someone you trust.\n\n' +
  'Please also tell your prescriber or doctor today.\n';

// "Help now" in the header: the same screen, with the numbers for the person's country, whenever
// a person looks for them.
export async function showHelpNow(): Promise<HTMLElement> {
  let message = OFFLINE_HELP;
  try {
    message = (await api.get<{ message: string }>('/crisis-lines')).message;
  } catch {
    // keep the offline words
  }
  return showCrisis(message);
}
