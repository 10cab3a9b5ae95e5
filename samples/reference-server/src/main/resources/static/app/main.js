// The dashboard's entry: sign-in (password, TOTP when asked, SSO buttons when configured), the role-aware shell and
// hash routing between the tabs. Each tab is a module in views/ exporting render(container, ctx) -> cleanup?.
import {api, adopt, ApiError, onSignedOut, signedIn, signIn, signOut} from './api.js';
import {clear, errorNotice, field, h, notice, toast} from './ui.js';
import {LiveFeed} from './live.js';

// Tabs in order; a tab shows when the user holds any of its permissions (the API refuses the rest anyway).
const TABS = [
  {id: 'overview', label: 'Overview', icon: '◧', any: ['dashboard:read']},
  {id: 'pipeline', label: 'Pipeline', icon: '▽', any: ['dashboard:read']},
  {id: 'orders', label: 'Orders', icon: '▤', any: ['orders:read']},
  {id: 'customers', label: 'Customers', icon: '☺', any: ['catalog:read']},
  {id: 'products', label: 'Products', icon: '▦', any: ['catalog:read']},
  {id: 'assistant', label: 'AI Assistant', icon: '✦', any: ['query:ask']},
  {id: 'leads', label: 'Leads', icon: '✚', any: ['leads:read']},
  {id: 'costs', label: 'Costs', icon: '$', any: ['costs:read']},
  {id: 'admin', label: 'Admin', icon: '⚙', any: ['users:write', 'audit:read', 'tenants:manage', 'integrations:manage',
    'budgets:manage']},
];

const app = document.getElementById('app');
let session = null; // {me, live, cleanup}

async function boot() {
  onSignedOut(() => showSignIn('You have been signed out.'));
  if (location.hash.startsWith('#sso=')) {
    // the SSO pop-up hands its token response back here (see ssoPopup)
    return;
  }
  if (signedIn()) {
    try {
      await enter();
      return;
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) {
        showSignIn(null, e);
        return;
      }
    }
  }
  showSignIn();
}

async function publicConfig() {
  try {
    const r = await fetch('/api/v1/web/config', {headers: {Accept: 'application/json'}});
    return r.ok ? r.json() : {sso: []};
  } catch (e) {
    return {sso: []};
  }
}

async function showSignIn(message, error) {
  teardown();
  const config = await publicConfig();
  const email = h('input', {type: 'email', name: 'email', autocomplete: 'username', required: true});
  const password = h('input', {type: 'password', name: 'password', autocomplete: 'current-password', required: true});
  const code = h('input', {type: 'text', name: 'totp', inputmode: 'numeric', autocomplete: 'one-time-code',
    pattern: '[0-9]{6}', maxlength: '6'});
  const codeField = field('One-time code from your authenticator app', code);
  codeField.hidden = true;
  const status = h('div', {class: 'form-status', 'aria-live': 'assertive'});
  const submit = h('button', {type: 'submit', class: 'primary wide'}, 'Sign in');
  const form = h('form', {class: 'signin-form', novalidate: true, 'aria-describedby': 'signin-help'},
    field('E-mail', email), field('Password', password), codeField, status, submit);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    if (!email.value || !password.value) {
      clear(status, notice('error', 'Enter your e-mail and password.'));
      return;
    }
    submit.disabled = true;
    submit.textContent = 'Signing in…';
    try {
      await signIn(email.value.trim(), password.value, codeField.hidden ? null : code.value.trim());
      await enter();
    } catch (err) {
      if (err.code === 'totp-required') {
        codeField.hidden = false;
        clear(status, notice('info', 'Enter the 6-digit code from your authenticator app.'));
        code.focus();
      } else if (err.status === 401) {
        clear(status, notice('error', codeField.hidden ? 'The e-mail or password is not right.'
          : 'The e-mail, password or one-time code is not right.'));
      } else {
        clear(status, errorNotice(err));
      }
    } finally {
      submit.disabled = false;
      submit.textContent = 'Sign in';
    }
  });
  const sso = (config.sso || []).map(p => h('button', {type: 'button', class: 'secondary wide sso',
    onclick: () => ssoPopup(p, status)}, 'Sign in with ' + p.name));
  clear(app, h('main', {id: 'main', class: 'signin'},
    h('div', {class: 'signin-card'},
      h('div', {class: 'brand big'}, h('span', {class: 'logo', 'aria-hidden': 'true'}), 'Sales Agent'),
      h('h1', {}, 'Sign in'),
      h('p', {id: 'signin-help', class: 'muted'}, 'Your sales dashboard: orders, pipeline, leads and the AI assistant.'),
      message ? notice('info', message) : null,
      error ? errorNotice(error) : null,
      form,
      sso.length ? h('div', {class: 'or'}, h('span', {}, 'or')) : null,
      sso)));
  app.removeAttribute('aria-busy');
  email.focus();
}

// SSO: the authorization-code flow runs in a pop-up; its last page (same origin) is the platform's token response.
function ssoPopup(provider, status) {
  const popup = window.open(provider.authorization_path, 'salesagent-sso', 'width=520,height=680');
  if (!popup) {
    clear(status, notice('error', 'The sign-in window was blocked. Allow pop-ups for this site and try again.'));
    return;
  }
  clear(status, notice('info', 'Complete the sign-in in the ' + provider.name + ' window.'));
  const timer = setInterval(async () => {
    if (popup.closed) {
      clearInterval(timer);
      return;
    }
    let text;
    try {
      if (!popup.location.pathname.startsWith('/login/oauth2/code/')) return;
      if (popup.document.readyState !== 'complete') return;
      text = popup.document.body.innerText;
    } catch (e) {
      return; // still on the provider's origin
    }
    clearInterval(timer);
    popup.close();
    try {
      const answer = JSON.parse(text);
      if (!answer.access_token) {
        clear(status, notice('error', answer.detail || answer.title || 'SSO sign-in failed.'));
        return;
      }
      adopt(answer);
      await enter();
    } catch (e) {
      clear(status, notice('error', 'SSO sign-in failed: the answer could not be read.'));
    }
  }, 400);
}

async function enter() {
  const me = await api('/api/v1/me');
  const permissions = new Set(me.permissions || []);
  const can = p => permissions.has(p);
  const tabs = TABS.filter(t => t.any.some(can));
  teardown();
  const live = new LiveFeed(can('dashboard:read'));
  session = {me, live, cleanup: null, tabs, can};
  const nav = h('nav', {class: 'sidebar', 'aria-label': 'Main'},
    h('ul', {}, tabs.map(t => h('li', {}, h('a', {href: '#/' + t.id, id: 'nav-' + t.id, dataset: {tab: t.id}},
      h('span', {class: 'icon', 'aria-hidden': 'true'}, t.icon), t.label)))));
  const liveBadge = h('span', {class: 'live-badge', id: 'live-status', role: 'status', title: 'Live updates'}, '');
  live.onStatus(s => {
    liveBadge.textContent = s === 'open' ? 'Live' : s === 'off' ? '' : 'Reconnecting…';
    liveBadge.className = 'live-badge ' + s;
  });
  const header = h('header', {class: 'topbar'},
    h('div', {class: 'brand'}, h('span', {class: 'logo', 'aria-hidden': 'true'}), 'Sales Agent',
      h('span', {class: 'tenant'}, me.tenant ? me.tenant.name : '')),
    h('div', {class: 'who'}, liveBadge,
      h('span', {class: 'user', id: 'user-email'}, me.email),
      h('span', {class: 'roles muted'}, (me.roles || []).join(', ')),
      h('button', {type: 'button', class: 'secondary', id: 'sign-out', onclick: async () => {
        await signOut();
      }}, 'Sign out')));
  const main = h('main', {id: 'main', class: 'content', tabindex: '-1'});
  clear(app, header, h('div', {class: 'layout'}, nav, main));
  app.removeAttribute('aria-busy');
  if (!tabs.length) {
    history.replaceState(null, '', location.pathname);
    clear(main, h('h1', {}, 'Welcome'), notice('info', 'Your role has no dashboard pages yet. Ask an administrator for access.'));
    return;
  }
  window.onhashchange = () => route();
  live.start();
  route();
}

let routing = 0; // the latest route() call; an older one that finishes late leaves the page alone

async function route() {
  if (!session) return;
  const generation = ++routing;
  const wanted = (location.hash.match(/^#\/([a-z-]+)/) || [])[1];
  const tab = session.tabs.find(t => t.id === wanted) || session.tabs[0];
  if (tab.id !== wanted) {
    history.replaceState(null, '', '#/' + tab.id);
  }
  document.querySelectorAll('.sidebar a').forEach(a => {
    if (a.dataset.tab === tab.id) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
  if (session.cleanup) {
    try { session.cleanup(); } catch (e) { /* ignore */ }
    session.cleanup = null;
  }
  const main = document.getElementById('main');
  document.title = tab.label + ' · Sales Agent';
  clear(main, h('h1', {}, tab.label), h('p', {class: 'muted loading'}, 'Loading…'));
  main.setAttribute('aria-busy', 'true');
  main.dataset.view = tab.id;
  try {
    const view = await import('./views/' + tab.id + '.js');
    if (generation !== routing) return;
    const container = h('div', {class: 'view', id: 'view-' + tab.id});
    clear(main, h('h1', {}, tab.label), container);
    const ctx = {me: session.me, can: session.can, live: session.live, go: id => { location.hash = '#/' + id; }};
    const cleanup = (await view.render(container, ctx)) || null;
    if (generation !== routing || !session) {
      if (cleanup) cleanup(); // the user moved on while this tab was loading
      return;
    }
    session.cleanup = cleanup;
  } catch (e) {
    if (generation !== routing) return;
    clear(main, h('h1', {}, tab.label), errorNotice(e, tab.label));
  }
  main.removeAttribute('aria-busy');
  main.dataset.ready = tab.id;
}

function teardown() {
  window.onhashchange = null;
  if (session) {
    if (session.cleanup) {
      try { session.cleanup(); } catch (e) { /* ignore */ }
    }
    session.live.stop();
    session = null;
  }
}

window.addEventListener('unhandledrejection', e => {
  if (e.reason instanceof ApiError) {
    toast(e.reason.message);
  }
});

boot();
