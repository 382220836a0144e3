// "Share with my clinician" (#/share): a one-time link code for a clinician (shown once, valid 7
// days), the clinicians linked and unlinking them, what they reviewed, who looked at what and
// when (the access log), and the visit report and health-record export to download.
import '../styles/clinician.css';
import { api, apiUrl, personPath } from '../api';
import { asyncListener, button, clear, h, liveRegion } from '../dom';
import { problemText } from '../problem_text';
import { ApiError } from '../api';
import { personId } from '../session';
import type { Schemas } from '../api/types';
import { accessLine, clinicianName, decisionKindText, formatDay, formatWhen, reviewText } from '../clinician/format';
import type { AccessLog, LinkCode, LinkedClinician, LinkedClinicianList } from '../clinician/types';

function failure(e: unknown, what: string): string {
  return e instanceof ApiError ? `${what}: ${problemText(e.problem)}` : `${what}. Please try again.`;
}

function codeSection(pid: number): HTMLElement {
  const status = liveRegion();
  const shown = h('div', { class: 'link-code', 'data-testid': 'link-code-box' });
  shown.hidden = true;
  const create = button('Create a link code', () => {}, 'primary');
  create.addEventListener(
    'click',
    asyncListener(async () => {
      create.disabled = true;
      status.textContent = '';
      try {
        const code = await api.post<LinkCode>(personPath(pid, '/clinician-links/codes'), {});
        clear(shown);
        const value = h('code', { class: 'link-code-value', 'data-testid': 'link-code' }, code.code);
        const copy = button('Copy the code', () => {
          void navigator.clipboard
            ?.writeText(code.code)
            .then(() => (status.textContent = 'Copied.'))
            .catch(() => (status.textContent = 'Could not copy: please select the code and copy it.'));
        });
        shown.append(
          h('p', {}, 'Your link code:'),
          value,
          copy,
          h(
            'p',
            { class: 'hint' },
            `Valid until ${formatDay(code.expires_at)} (${code.valid_days} days) and for one use. It is shown only now: give it to your clinician, who enters it on their taperlab dashboard.`,
          ),
        );
        shown.hidden = false;
        value.focus();
      } catch (e) {
        status.textContent = failure(e, 'Could not create a code');
      } finally {
        create.disabled = false;
      }
    }),
  );
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'share-code-title' },
    h('h2', { id: 'share-code-title' }, 'Link a clinician'),
    h(
      'p',
      {},
      'A linked clinician can read your plan, check-ins, questionnaires and charts, and approve or change a hold or slow-down the plan proposes. They cannot log doses or check-ins for you. You can unlink them at any time.',
    ),
    create,
    shown,
    status,
  );
}

function clinicianItem(pid: number, c: LinkedClinician, reload: () => void): HTMLElement {
  const item = h('li', { class: 'clinician-item', 'data-testid': 'linked-clinician' });
  const status = liveRegion();
  const confirm = h('div', { class: 'confirm', role: 'group', 'aria-label': `Unlink ${clinicianName(c)}?` });
  confirm.hidden = true;
  const unlink = button('Unlink', () => {
    confirm.hidden = false;
    yes.focus();
  });
  const yes = button(
    'Yes, unlink',
    asyncListener(async () => {
      yes.disabled = true;
      try {
        await api.del(personPath(pid, `/clinician-links/${c.id}`));
        reload();
      } catch (e) {
        status.textContent = failure(e, 'Could not unlink');
        yes.disabled = false;
      }
    }),
    'danger',
  );
  const no = button('Keep the link', () => {
    confirm.hidden = true;
    unlink.focus();
  });
  confirm.append(
    h(
      'p',
      {},
      `Unlink ${clinicianName(c)}? They will no longer see your journal. What they saw before stays in the log below.`,
    ),
    yes,
    no,
  );
  item.append(
    h(
      'span',
      {},
      clinicianName(c),
      c.linked_at ? h('span', { class: 'hint' }, ` linked ${formatWhen(c.linked_at)}`) : null,
    ),
    ' ',
    unlink,
    confirm,
    status,
  );
  return item;
}

async function cliniciansSection(section: HTMLElement, pid: number): Promise<void> {
  clear(section);
  section.append(h('h2', { id: 'share-linked-title' }, 'Your clinicians'));
  try {
    const { clinicians } = await api.get<LinkedClinicianList>(personPath(pid, '/clinician-links'));
    if (clinicians.length === 0) {
      section.append(h('p', {}, 'No clinician is linked.'));
      return;
    }
    section.append(
      h(
        'ul',
        { class: 'plain-list' },
        clinicians.map((c) => clinicianItem(pid, c, () => void cliniciansSection(section, pid))),
      ),
    );
  } catch (e) {
    section.append(h('p', {}, failure(e, 'Could not load your clinicians')));
  }
}

async function reviewsSection(section: HTMLElement, pid: number): Promise<void> {
  section.append(h('h2', { id: 'share-reviews-title' }, 'What your clinician reviewed'));
  try {
    const { decisions } = await api.get<Schemas['DecisionList']>(personPath(pid, '/decisions'));
    const reviewed = decisions.filter((d) => d.review).reverse();
    if (reviewed.length === 0) {
      section.append(h('p', {}, 'Nothing reviewed yet.'));
      return;
    }
    section.append(
      h(
        'ul',
        { class: 'plain-list', 'data-testid': 'reviews' },
        reviewed.map((d) =>
          h(
            'li',
            {},
            h('strong', {}, `${d.date}: ${decisionKindText(d.kind)}. `),
            d.reason,
            h('br'),
            d.review ? reviewText(d.review) : '',
          ),
        ),
      ),
    );
  } catch (e) {
    section.append(h('p', {}, failure(e, 'Could not load the reviews')));
  }
}

async function accessSection(section: HTMLElement, pid: number): Promise<void> {
  section.append(
    h('h2', { id: 'share-log-title' }, 'Who looked at what'),
    h(
      'p',
      { class: 'hint' },
      'Every time a clinician opens your journal or reviews your plan, it is written here. Newest first.',
    ),
  );
  try {
    const { entries } = await api.get<AccessLog>(personPath(pid, '/access-log'));
    if (entries.length === 0) {
      section.append(h('p', {}, 'No clinician has looked at your journal.'));
      return;
    }
    const newest = entries.slice().sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    section.append(
      h(
        'ul',
        { class: 'plain-list access-log', 'data-testid': 'access-log' },
        newest.map((e) => h('li', {}, accessLine(e))),
      ),
    );
  } catch (e) {
    section.append(h('p', {}, failure(e, 'Could not load the access log')));
  }
}

export function downloadLinks(pid: number): HTMLElement {
  return h(
    'ul',
    { class: 'plain-list downloads' },
    h(
      'li',
      {},
      h(
        'a',
        { href: apiUrl(personPath(pid, '/report.pdf')), download: '', 'data-testid': 'report-pdf' },
        'Visit report (PDF)',
      ),
      ': one or two pages for an appointment.',
    ),
    h(
      'li',
      {},
      h(
        'a',
        { href: apiUrl(personPath(pid, '/export.fhir.json')), download: '', 'data-testid': 'fhir-export' },
        'Health-record export (FHIR, JSON)',
      ),
      ': for a clinic’s electronic health record.',
    ),
  );
}

export async function renderShare(main: HTMLElement): Promise<void> {
  const pid = personId();
  main.append(
    h('h1', {}, 'Share with my clinician'),
    h(
      'p',
      { class: 'lead' },
      'Coming off slowly works best with your prescriber. Share your journal with them here, and see who looked.',
    ),
    codeSection(pid),
  );
  const linked = h('section', { class: 'card', 'aria-labelledby': 'share-linked-title' });
  const reviews = h('section', { 'aria-labelledby': 'share-reviews-title' });
  const downloads = h(
    'section',
    { 'aria-labelledby': 'share-downloads-title' },
    h('h2', { id: 'share-downloads-title' }, 'Reports to take along'),
    downloadLinks(pid),
    h('p', { class: 'hint' }, 'Plans are drafts for you and your prescriber to agree on.'),
  );
  const log = h('section', { 'aria-labelledby': 'share-log-title' });
  main.append(linked, reviews, downloads, log);
  await Promise.all([cliniciansSection(linked, pid), reviewsSection(reviews, pid), accessSection(log, pid)]);
}
