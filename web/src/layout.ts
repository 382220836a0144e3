// The site header: the name, "Help now" (always: before signing in too), and the navigation
// between pages (only when signed in).
import { showHelpNow } from './crisis';
import { clear, h } from './dom';
import { navigate } from './router';
import { isClinician, session, signOut } from './session';

const LINKS: [string, string][] = [
  ['/today', 'Today'],
  ['/plan', 'Plan'],
  ['/questionnaires', 'Questionnaires'],
  ['/tests', 'Memory & attention'],
  ['/progress', 'Progress'],
  ['/pharmacy', 'Pharmacy'],
  ['/share', 'Share'],
  ['/settings', 'Settings'],
];
// A clinician's account: its dashboard only (a person's pages are the person's own).
const CLINICIAN_LINKS: [string, string][] = [['/clinician', 'Dashboard']];

// "Help now" stays in the header row at every width; the page links fold into a "Menu" button on
// narrow screens (styles/main.css), so that the header is one row on a 390 px phone.
function helpNowButton(): HTMLButtonElement {
  const help = h('button', { type: 'button', class: 'link-button help-now', 'data-testid': 'help-now' }, 'Help now');
  help.addEventListener('click', () => void showHelpNow());
  return help;
}

function menuToggle(header: HTMLElement, list: HTMLElement, nav: HTMLElement): HTMLButtonElement {
  const toggle = h(
    'button',
    { type: 'button', class: 'menu-toggle', 'aria-expanded': 'false', 'aria-controls': list.id },
    'Menu',
  );
  const setOpen = (open: boolean) => {
    header.classList.toggle('menu-open', open);
    toggle.setAttribute('aria-expanded', String(open));
  };
  toggle.addEventListener('click', () => setOpen(!header.classList.contains('menu-open')));
  nav.addEventListener('keydown', (ev) => {
    if (ev.key !== 'Escape' || !header.classList.contains('menu-open')) return;
    setOpen(false);
    toggle.focus();
  });
  return toggle;
}

export function renderHeader(path: string): void {
  const header = document.getElementById('site-header');
  if (!header) return;
  clear(header);
  header.classList.remove('menu-open');
  header.append(h('a', { class: 'brand', href: isClinician() ? '#/clinician' : '#/today' }, 'taperlab'));
  const tools = h('div', { class: 'header-tools' });
  header.append(tools);
  // Help now before signing in too: the crisis lines hold no personal data.
  tools.append(helpNowButton());
  if (!session()) return;
  const list = h('ul', { id: 'site-nav-list' });
  for (const [href, label] of isClinician() ? CLINICIAN_LINKS : LINKS) {
    const current = path === href || path.startsWith(`${href}/`);
    list.append(h('li', {}, h('a', { href: `#${href}`, 'aria-current': current ? 'page' : undefined }, label)));
  }
  const out = h('button', { type: 'button', class: 'link-button' }, 'Sign out');
  out.addEventListener('click', () => {
    void signOut().finally(() => navigate('/signin'));
  });
  list.append(h('li', {}, out));
  // The navigation holds its Menu button, so it is there (and named) at every width.
  const nav = h('nav', { 'aria-label': 'Main', class: 'site-nav' });
  nav.append(menuToggle(header, list, nav), list);
  header.append(nav);
}
