// Admin: users and roles, the audit log with chain verification, and (when the server has them) the CRM connection
// and budgets. Each block shows only when the role holds its permission.
import {api} from '../api.js';
import {badge, clear, DataTable, dialog, errorNotice, facts, field, fmtDate, h, notice, section, toast} from '../ui.js';

const ROLES = ['owner', 'admin', 'sales_exec', 'sales_manager', 'sales_rep', 'finance_viewer'];

export async function render(container, ctx) {
  const blocks = [];
  if (ctx.can('users:read')) blocks.push(users(ctx));
  if (ctx.can('audit:read')) blocks.push(audit());
  if (ctx.can('integrations:manage')) blocks.push(crm());
  if (ctx.can('tenants:manage')) blocks.push(tenants());
  const panels = await Promise.all(blocks);
  clear(container, h('div', {class: 'stack'}, panels));
}

function userPage(cursor) {
  return api('/api/v1/users', {query: {cursor, limit: 100}});
}

async function users(ctx) {
  const body = h('div', {});
  const panel = section('Users and roles', body);
  const write = ctx.can('users:write');
  const table = new DataTable({
    caption: 'Users', id: 'users-table', load: userPage,
    columns: [
      {key: 'email', label: 'E-mail'},
      {key: 'display_name', label: 'Name'},
      {key: 'roles', label: 'Roles', format: v => (v || []).join(', ')},
      {key: 'status', label: 'Status', format: v => badge(v)},
      {key: 'territory', label: 'Territory'},
      {key: 'created_at', label: 'Created', format: fmtDate},
    ],
    onRow: write ? row => editUser(row, () => refresh()) : null,
  });
  const refresh = async () => {
    try {
      const page = await userPage(null);
      table.nextCursor = page.next_cursor || null;
      table.setRows(page.items || []);
    } catch (e) {
      toast(e.message);
    }
  };
  try {
    await table.start();
    clear(body,
      write ? h('div', {class: 'actions'}, h('button', {type: 'button', class: 'primary', id: 'add-user',
        onclick: () => addUser(refresh)}, 'Add user')) : null,
      write ? h('p', {class: 'muted'}, 'Select a user to change their roles or status.') : null,
      table.el);
  } catch (e) {
    clear(body, errorNotice(e, 'User management'));
  }
  return panel;
}

function roleChecks(selected) {
  return h('fieldset', {class: 'checks'}, h('legend', {}, 'Roles'),
    ROLES.map(r => h('label', {class: 'check'},
      h('input', {type: 'checkbox', name: 'roles', value: r, checked: selected.includes(r)}), ' ' + r)));
}

function chosenRoles(form) {
  return [...form.querySelectorAll('input[name=roles]:checked')].map(i => i.value);
}

function addUser(done) {
  const email = h('input', {type: 'email', required: true, autocomplete: 'off'});
  const name = h('input', {type: 'text', autocomplete: 'off'});
  const password = h('input', {type: 'password', required: true, minlength: '12', autocomplete: 'new-password'});
  const territory = h('input', {type: 'text'});
  const status = h('div', {'aria-live': 'assertive'});
  const form = h('form', {class: 'form'}, field('E-mail', email), field('Name', name),
    field('Initial password', password, 'At least 12 characters. The user can change it later.'),
    field('Territory', territory, 'Sales managers see the records of their territory.'),
    roleChecks(['sales_rep']), status,
    h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, 'Create user')));
  const dlg = dialog('Add user', form);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    try {
      await api('/api/v1/users', {method: 'POST', body: {email: email.value.trim(), display_name: name.value || null,
        password: password.value, territory: territory.value || null, roles: chosenRoles(form)}});
      dlg.close();
      toast('User ' + email.value + ' created.');
      done();
    } catch (err) {
      clear(status, errorNotice(err));
    }
  });
}

function editUser(user, done) {
  const state = h('select', {}, ['active', 'disabled'].map(s => h('option', {value: s, selected: user.status === s}, s)));
  const territory = h('input', {type: 'text', value: user.territory || ''});
  const status = h('div', {'aria-live': 'assertive'});
  const form = h('form', {class: 'form'}, facts([['E-mail', user.email], ['Created', fmtDate(user.created_at)]]),
    field('Status', state), field('Territory', territory), roleChecks(user.roles || []), status,
    h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, 'Save'),
      h('button', {type: 'button', class: 'danger', onclick: async () => {
        if (!confirm('Delete ' + user.email + '? This cannot be undone.')) return;
        try {
          await api('/api/v1/users/' + user.id, {method: 'DELETE'});
          dlg.close();
          toast('User deleted.');
          done();
        } catch (err) {
          clear(status, errorNotice(err));
        }
      }}, 'Delete user')));
  const dlg = dialog('Edit ' + user.email, form);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    try {
      await api('/api/v1/users/' + user.id, {method: 'PATCH', body: {status: state.value,
        territory: territory.value || null, roles: chosenRoles(form)}});
      dlg.close();
      toast('Saved.');
      done();
    } catch (err) {
      clear(status, errorNotice(err));
    }
  });
}

async function audit() {
  const result = h('div', {id: 'audit-verification', 'aria-live': 'polite'});
  const action = h('input', {type: 'text', id: 'audit-action', placeholder: 'e.g. user.created'});
  const body = h('div', {});
  let query = {};
  const load = cursor => api('/api/v1/admin/audit', {query: Object.assign({cursor, limit: 100}, query)});
  const table = new DataTable({
    caption: 'Audit events', id: 'audit-table', load,
    columns: [
      {key: 'seq', label: '#', numeric: true},
      {key: 'occurred_at', label: 'When', format: fmtDate},
      {key: 'action', label: 'Action'},
      {key: 'actor_id', label: 'Actor', format: v => v ? v.substring(0, 8) : 'system'},
      {key: 'target_type', label: 'Target', format: (v, r) => v ? v + (r.target_id ? ' ' + String(r.target_id).substring(0, 8) : '') : ''},
      {key: 'hash', label: 'Hash', sortable: false, format: v => h('code', {}, String(v || '').substring(0, 12) + '…')},
    ],
    onRow: row => dialog('Audit event #' + row.seq, facts([['Action', row.action], ['When', fmtDate(row.occurred_at)],
      ['Actor', row.actor_id], ['Target', (row.target_type || '') + ' ' + (row.target_id || '')],
      ['Request id', row.request_id], ['Details', h('pre', {}, pretty(row.details))],
      ['Previous hash', h('code', {}, row.prev_hash)], ['Hash', h('code', {}, row.hash)]])),
  });
  const verify = async () => {
    clear(result, h('p', {class: 'muted'}, 'Verifying the chain…'));
    try {
      const v = await api('/api/v1/admin/audit/verify');
      clear(result, v.valid
        ? notice('ok', 'Chain intact: ' + v.checked + ' events checked, every hash matches.')
        : notice('error', 'Chain broken at event #' + v.broken_seq + ': ' + (v.reason || 'hash mismatch') + '.'));
    } catch (e) {
      clear(result, errorNotice(e));
    }
  };
  const filter = h('form', {class: 'inline-form', onsubmit: async e => {
    e.preventDefault();
    query = {action: action.value.trim()};
    try {
      const page = await load(null);
      table.nextCursor = page.next_cursor || null;
      table.setRows(page.items || []);
    } catch (err) {
      toast(err.message);
    }
  }}, field('Action', action), h('button', {type: 'submit', class: 'secondary'}, 'Apply'),
  h('button', {type: 'button', class: 'primary', id: 'verify-chain', onclick: verify}, 'Verify chain'));
  try {
    await table.start();
    clear(body, filter, result, table.el);
  } catch (e) {
    clear(body, errorNotice(e, 'The audit log'));
  }
  return section('Audit log', body);
}

function pretty(details) {
  try {
    return JSON.stringify(typeof details === 'string' ? JSON.parse(details) : details, null, 2);
  } catch (e) {
    return String(details);
  }
}

async function crm() {
  const body = h('div', {});
  try {
    const current = await api('/api/v1/integrations/crm');
    const provider = h('select', {}, ['memory', 'hubspot', 'salesforce', 'netsuite', 'pipedrive', 'close', 'freshsales', 'zoho'].map(p =>
      h('option', {value: p, selected: current && current.provider === p}, p)));
    const config = h('textarea', {rows: '4', placeholder: '{"access_token": "..."}'});
    const status = h('div', {'aria-live': 'polite'});
    const form = h('form', {class: 'form'}, facts([['Provider', current && current.provider],
      ['Status', current && (current.status || (current.configured ? 'configured' : null))]]),
      field('Provider', provider), field('Settings (JSON, stored encrypted)', config, 'The provider\'s keys, e.g. {"accessToken": "…"} for HubSpot.'), status,
      h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, 'Save'),
        h('button', {type: 'button', class: 'secondary', onclick: async () => {
          try {
            const r = await api('/api/v1/integrations/crm/test', {method: 'POST'});
            clear(status, r && r.ok === false ? notice('error', 'The CRM did not answer as expected.')
              : notice('ok', 'Connection works' + (r && r.latency_ms !== undefined ? ' (' + r.latency_ms + ' ms).' : '.')));
          } catch (err) {
            clear(status, errorNotice(err));
          }
        }}, 'Test connection')));
    form.addEventListener('submit', async e => {
      e.preventDefault();
      let settings = {};
      try {
        settings = config.value.trim() ? JSON.parse(config.value) : {};
      } catch (err) {
        clear(status, notice('error', 'The settings are not valid JSON.'));
        return;
      }
      try {
        await api('/api/v1/integrations/crm', {method: 'PUT', body: {provider: provider.value, config: settings}});
        clear(status, notice('ok', 'Saved.'));
      } catch (err) {
        clear(status, errorNotice(err));
      }
    });
    clear(body, form);
  } catch (e) {
    clear(body, errorNotice(e, 'The CRM connection'));
  }
  return section('CRM connection', body);
}

async function tenants() {
  const body = h('div', {});
  const table = new DataTable({
    caption: 'Tenants', id: 'tenants-table',
    load: cursor => api('/api/v1/platform/tenants', {query: {cursor, limit: 100}}),
    columns: [
      {key: 'name', label: 'Name'}, {key: 'slug', label: 'Slug'}, {key: 'tier', label: 'Tier'},
      {key: 'status', label: 'Status', format: v => badge(v)}, {key: 'created_at', label: 'Created', format: fmtDate},
    ],
  });
  try {
    await table.start();
    clear(body, table.el);
  } catch (e) {
    clear(body, errorNotice(e, 'Tenant management'));
  }
  return section('Tenants', body);
}
