// The site header: the name and the navigation between pages (only when signed in).
import { showHelpNow } from './crisis';
import { clear, h } from './dom';
import { navigate } from './router';
import { session, signOut } from './session';

const LINKS: [string, string][] = [
  ['/today', 'Today'],
  ['/plan', 'Plan'],
  ['/questionnaires', 'Questionnaires'],
  ['/tests', 'Memory & attention'],
  ['/progress', 'Progress'],
  ['/settings', 'Settings'],
];

export function renderHeader(path: string): void {
  const header = document.getElementById('site-header');
  if (!header) return;
  clear(header);
  header.append(h('a', { class: 'brand', href: '#/today' }, 'taperlab'));
  if (!session()) return;
  const list = h('ul', {});
  for (const [href, label] of LINKS) {
    const current = path === href || path.startsWith(`${href}/`);
    list.append(h('li', {}, h('a', { href: `#${href}`, 'aria-current': current ? 'page' : undefined }, label)));
  }
  const help = h('button', { type: 'button', class: 'link-button', 'data-testid': 'help-now' }, 'Help now');
  help.addEventListener('click', () => void showHelpNow());
  list.append(h('li', {}, help));
  const out = h('button', { type: 'button', class: 'link-button' }, 'Sign out');
  out.addEventListener('click', () => {
    void signOut().finally(() => navigate('/signin'));
  });
  list.append(h('li', {}, out));
  header.append(h('nav', { 'aria-label': 'Main' }, list));
}
