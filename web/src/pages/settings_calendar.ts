// Settings, reminders: the private calendar address (GET/POST/DELETE
// /people/{pid}/calendar-subscription; the feed is GET /cal/<token>.ics), reminders while the app
// is open (the browser's notification permission), and the prescriber printed on the calendar
// (profile.prescriber, PUT /people/{pid}).
import { api, ApiError, personPath } from '../api';
import { asyncListener, button, field, h, liveRegion } from '../dom';
import { clearProblems, showProblem } from '../forms';
import { personId } from '../session';
import type { CalendarSubscriptionAnswer, CalendarSubscriptionCreated, Person } from '../api/types';

type Subscription = NonNullable<CalendarSubscriptionAnswer['subscription']>;

// The address a calendar app subscribes to: this site's origin and path, plus the server's
// "/cal/<token>.ics".
export function calendarAddress(path: string, base: string = document.baseURI): string {
  return new URL(path.replace(/^\//, ''), base).href;
}

// webcal:// opens the phone's calendar app straight at "subscribe" (https stays https there).
export function webcalAddress(address: string): string {
  return address.replace(/^https?:\/\//, 'webcal://');
}

function dateText(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleDateString(undefined, { day: 'numeric', month: 'long', year: 'numeric' });
}

function subscriptionSection(): HTMLElement {
  const body = h('div', {});
  const summary = liveRegion('form-summary');
  const section = h(
    'section',
    { class: 'card', 'data-testid': 'calendar-subscription' },
    h('h2', {}, 'Reminders in your calendar'),
    h(
      'p',
      {},
      "A private calendar address for your phone's or computer's calendar: an alarm for every dose and for each review day. It follows your plan: when the plan changes, your calendar changes by itself the next time it refreshes (usually within a few hours).",
    ),
    h(
      'p',
      { class: 'hint' },
      'Anyone who has the address can see your doses, so keep it to yourself. You can stop it at any time; a new address replaces the old one.',
    ),
    body,
    summary,
  );
  const path = personPath(personId(), '/calendar-subscription');

  const show = (sub: Subscription | null, freshPath?: string) => {
    body.replaceChildren();
    if (freshPath) {
      const address = calendarAddress(freshPath);
      const input = h('input', {
        type: 'text',
        readonly: true,
        value: address,
        class: 'calendar-address',
        'data-testid': 'calendar-address',
      });
      const addressField = field(
        'Your calendar address',
        input,
        'Shown only now. Copy it into your calendar app ("Add calendar" > "From URL" or "Subscribe"), or open it on your phone.',
      );
      const copy = button(
        'Copy the address',
        asyncListener(async () => {
          try {
            await navigator.clipboard.writeText(address);
            summary.textContent = 'Address copied.';
          } catch {
            input.select();
            summary.textContent = 'Select the address and copy it.';
          }
        }),
        'primary',
      );
      body.append(
        addressField.wrap,
        h(
          'div',
          { class: 'actions' },
          copy,
          h('a', { class: 'button', href: webcalAddress(address) }, 'Open in my calendar app'),
        ),
      );
    } else if (sub) {
      body.append(
        h(
          'p',
          { 'data-testid': 'calendar-made' },
          `You made a calendar address on ${dateText(sub.created_at)}. For your privacy it is not shown again: to see one, make a new address (the old one then stops working).`,
        ),
      );
    } else {
      body.append(h('p', {}, 'You have no calendar address.'));
    }
    const actions = h('div', { class: 'actions' });
    actions.append(
      button(
        sub ? 'Make a new address' : 'Make my calendar address',
        () => void create(),
        sub ? 'secondary' : 'primary',
      ),
    );
    if (sub) actions.append(button('Stop the calendar address', () => void revoke(), 'danger'));
    body.append(actions);
  };

  const create = async () => {
    summary.textContent = 'Making the address…';
    try {
      const made = await api.post<CalendarSubscriptionCreated>(path, {});
      show(made, made.path);
      summary.textContent = 'Your calendar address is ready.';
    } catch (e) {
      showProblem(e, {}, summary);
    }
  };
  const revoke = async () => {
    try {
      await api.del(path);
      show(null);
      summary.textContent = 'The calendar address is stopped: calendars that used it get no more updates.';
    } catch (e) {
      showProblem(e, {}, summary);
    }
  };

  api
    .get<CalendarSubscriptionAnswer>(path)
    .then((a) => show(a.subscription))
    .catch((e) => {
      summary.textContent = e instanceof ApiError ? e.message : 'Could not load the calendar address.';
    });
  return section;
}

function notificationText(): string {
  if (!('Notification' in window))
    return 'This browser cannot show notifications: a banner on the page reminds you while taperlab is open.';
  if (Notification.permission === 'granted')
    return 'Notifications are on: while taperlab is open, you get one when a dose is due.';
  if (Notification.permission === 'denied')
    return "Notifications are blocked in this browser's settings: a banner on the page reminds you instead while taperlab is open.";
  return 'While taperlab is open, a banner reminds you when a dose is due. You can also allow notifications.';
}

function notificationSection(): HTMLElement {
  const text = h('p', { 'data-testid': 'notification-state' }, notificationText());
  const section = h('section', { class: 'card' }, h('h2', {}, 'Reminders while taperlab is open'), text);
  if ('Notification' in window && Notification.permission === 'default') {
    const allow = button(
      'Allow notifications',
      asyncListener(async () => {
        await Notification.requestPermission();
        text.textContent = notificationText();
        allow.hidden = Notification.permission !== 'default';
      }),
      'secondary',
    );
    section.append(h('div', { class: 'actions' }, allow));
  }
  return section;
}

function prescriberSection(): HTMLElement {
  const name = field(
    "Prescriber's name",
    h('input', {
      type: 'text',
      name: 'prescriber-name',
      maxlength: 100,
      autocomplete: 'off',
      'data-testid': 'prescriber-name',
    }),
  );
  const contact = field(
    'How to reach them',
    h('input', {
      type: 'text',
      name: 'prescriber-contact',
      maxlength: 200,
      autocomplete: 'off',
      'data-testid': 'prescriber-contact',
    }),
    'A practice, a phone number or an email. Printed on your calendar for your pharmacist.',
  );
  const summary = liveRegion('form-summary');
  const fields = { 'profile.prescriber.name': name, 'profile.prescriber.contact': contact };
  const form = h(
    'form',
    { class: 'card', novalidate: true, 'data-testid': 'prescriber-form' },
    h('h2', {}, 'Your prescriber'),
    h('p', { class: 'hint' }, 'Optional. Shown on the printed plan calendar, with what the pharmacy dispenses.'),
    name.wrap,
    contact.wrap,
    h('button', { type: 'submit', class: 'primary' }, 'Save prescriber'),
    summary,
  );
  api
    .get<Person>(personPath(personId(), ''))
    .then((p) => {
      name.input.value = p.profile.prescriber?.name ?? '';
      contact.input.value = p.profile.prescriber?.contact ?? '';
    })
    .catch(() => {
      summary.textContent = 'Could not load your prescriber.';
    });
  form.addEventListener(
    'submit',
    asyncListener(async (ev) => {
      ev.preventDefault();
      clearProblems(fields, summary);
      try {
        // The stored profile read again just before: the profile form above may have changed it.
        const current = (await api.get<Person>(personPath(personId(), ''))).profile;
        const prescriber = { name: name.input.value.trim(), contact: contact.input.value.trim() };
        await api.put<Person>(personPath(personId(), ''), { profile: { ...current, prescriber } });
        summary.textContent = prescriber.name || prescriber.contact ? 'Prescriber saved.' : 'Prescriber removed.';
      } catch (e) {
        showProblem(e, fields, summary);
      }
    }),
  );
  return form;
}

// The settings page's reminders and prescriber sections, each loading itself.
export function reminderSettings(): HTMLElement {
  return h('div', { class: 'settings-reminders' }, subscriptionSection(), notificationSection(), prescriberSection());
}
