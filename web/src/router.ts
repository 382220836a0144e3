// A hash router: "#/today", "#/tests/pvt". Each page renders into <main> and may return a
// cleanup function (timers, key handlers) that runs when the person leaves it.

export type Cleanup = () => void;
export type Page = (main: HTMLElement, params: string[]) => void | Cleanup | Promise<void | Cleanup>;

interface Route {
  prefix: string;
  title: string;
  page: Page;
  public?: boolean;
}

const routes: Route[] = [];
let cleanup: Cleanup | null = null;
let guard: (route: Route) => string | null = () => null;

export function addRoute(prefix: string, title: string, page: Page, isPublic = false): void {
  routes.push({ prefix, title, page, public: isPublic });
}

// `fn` gets whether the route is public and its prefix (a clinician's pages are under /clinician).
export function setGuard(fn: (isPublic: boolean, prefix: string) => string | null): void {
  guard = (route) => fn(Boolean(route.public), route.prefix);
}

export function navigate(path: string): void {
  if (location.hash === `#${path}`) void render();
  else location.hash = path;
}

export function currentPath(): string {
  return location.hash.replace(/^#/, '') || '/today';
}

function match(path: string): { route: Route; params: string[] } | null {
  const parts = path.split('/').filter(Boolean);
  for (const route of routes) {
    const prefix = route.prefix.split('/').filter(Boolean);
    if (prefix.every((p, i) => parts[i] === p)) {
      return { route, params: parts.slice(prefix.length).map(decodeURIComponent) };
    }
  }
  return null;
}

let onNavigate: (path: string) => void = () => {};
export function setNavigateListener(fn: (path: string) => void): void {
  onNavigate = fn;
}

export async function render(): Promise<void> {
  const main = document.getElementById('main') as HTMLElement;
  const path = currentPath();
  const found = match(path) ?? match('/today');
  if (!found) return;
  const redirect = guard(found.route);
  if (redirect && redirect !== path) {
    navigate(redirect);
    return;
  }
  if (cleanup) {
    cleanup();
    cleanup = null;
  }
  // Each render gets its own container: a slow page that finishes after the person has moved on
  // writes into a detached node, not over the next page.
  const view = document.createElement('div');
  view.className = 'page';
  main.replaceChildren(view);
  document.title = `${found.route.title} - taperlab`;
  onNavigate(path);
  main.focus({ preventScroll: true });
  const result = await found.route.page(view, found.params);
  if (typeof result === 'function') {
    if (view.isConnected) cleanup = result;
    else result();
  }
}

export function startRouter(): void {
  window.addEventListener('hashchange', () => void render());
  void render();
}
