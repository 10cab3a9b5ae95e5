// Leads: CSV import with a per-row error report, the leads with scores, grades and the BANT breakdown with reasons,
// the lead pipeline run with its progress live over server-sent events, and outreach drafts to review, approve and
// send.
import {api, events} from '../api.js';
import {badge, clear, DataTable, dialog, errorNotice, facts, field, fmtDate, fmtMoney, fmtNum, h, labelOf, notice, section, toast} from '../ui.js';

export async function render(container, ctx) {
  const write = ctx.can('leads:write');
  const grade = h('select', {id: 'leads-grade'}, ['', 'a', 'b', 'c', 'd'].map(g => h('option', {value: g}, g ? g.toUpperCase() : 'Any grade')));
  const text = h('input', {type: 'search', id: 'leads-q', placeholder: 'Company, name or e-mail'});
  let query = {};
  const load = cursor => api('/api/v1/leads', {query: Object.assign({cursor, limit: 100}, query)});
  const table = new DataTable({caption: 'Leads', id: 'leads-table', load, columns: [
    {key: 'company', label: 'Company'},
    {key: 'first_name', label: 'Contact', format: (v, r) => [r.first_name, r.last_name].filter(Boolean).join(' ')},
    {key: 'email', label: 'E-mail'},
    {key: 'status', label: 'Status', format: v => v ? badge(v) : null},
    {key: 'score', label: 'Score', numeric: true},
    {key: 'grade', label: 'Grade', format: v => v ? badge(v.toUpperCase(), v.toLowerCase()) : null},
    {key: 'score_method', label: 'Method'},
    {key: 'created_at', label: 'Added', format: fmtDate},
  ], onRow: lead => showLead(lead, ctx, reload)});
  const reload = async () => {
    const page = await load(null);
    table.nextCursor = page.next_cursor || null;
    table.setRows(page.items || []);
  };
  const run = h('div', {id: 'run-progress', 'aria-live': 'polite'});
  const filters = h('form', {class: 'inline-form', onsubmit: async e => {
    e.preventDefault();
    query = {grade: grade.value, q: text.value.trim()};
    try { await reload(); } catch (err) { toast(err.message); }
  }}, field('Grade', grade), field('Search', text), h('button', {type: 'submit', class: 'secondary'}, 'Apply'),
  ctx.can('agent-runs:write') ? h('button', {type: 'button', class: 'primary', id: 'run-pipeline', onclick: () =>
    startRun(table.view().slice(0, 100).map(l => l.id), run, reload)}, 'Score the leads shown') : null);
  const importPanel = write ? importForm(reload) : null;
  const drafts = h('div', {id: 'drafts'});
  try {
    await table.start();
  } catch (e) {
    clear(container, errorNotice(e, 'Leads'));
    return null;
  }
  clear(container, h('div', {class: 'stack'}, importPanel, section('Leads', filters, run, table.el),
    section('Outreach drafts', drafts)));
  renderDrafts(drafts);
  return null;
}

function importForm(reload) {
  const file = h('input', {type: 'file', id: 'import-file', name: 'file', accept: '.csv,text/csv'});
  const result = h('div', {id: 'import-result', 'aria-live': 'polite'});
  const submit = h('button', {type: 'submit', class: 'primary', id: 'import-submit'}, 'Import');
  const form = h('form', {class: 'inline-form', id: 'import-form'},
    field('CSV file', file, 'Columns: email, first_name, last_name, company, domain, website, title, phone, industry, employees, country, notes.'),
    submit);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    if (!file.files.length) {
      clear(result, notice('error', 'Choose a CSV file first.'));
      return;
    }
    const data = new FormData();
    data.append('file', file.files[0]);
    submit.disabled = true;
    clear(result, h('p', {class: 'muted'}, 'Importing…'));
    try {
      const r = await api('/api/v1/leads/import', {method: 'POST', form: data});
      clear(result, importReport(r));
      await reload();
    } catch (err) {
      clear(result, errorNotice(err, 'CSV import'));
    } finally {
      submit.disabled = false;
    }
  });
  return section('Import leads from CSV', form, result);
}

function importReport(r) {
  const errors = r.errors || [];
  const summary = notice(r.status === 'failed' ? 'error' : errors.length ? 'warn' : 'ok',
    r.rows_imported + ' of ' + r.rows_total + ' rows imported; ' + r.rows_duplicate + ' duplicates, '
    + r.rows_invalid + ' invalid, ' + r.rows_unreadable + ' unreadable.' + (r.error ? ' ' + r.error : ''));
  if (!errors.length) return summary;
  const table = new DataTable({caption: 'Rows not imported', id: 'import-errors', rows: errors, pageSize: 10, columns: [
    {key: 'row', label: 'Row', numeric: true},
    {key: 'kind', label: 'Problem', format: v => badge(v, v === 'duplicate' ? 'pending' : 'failed')},
    {key: 'reason', label: 'Reason'},
  ]});
  table.render();
  return h('div', {}, summary, h('h3', {}, 'Rows not imported'), table.el);
}

function bant(breakdown) {
  if (!breakdown) return null;
  const keys = ['budget', 'authority', 'need', 'timeline'];
  const present = keys.filter(k => breakdown[k] !== undefined);
  return h('div', {class: 'bant'}, (present.length ? present : Object.keys(breakdown)).map(k => {
    const v = breakdown[k];
    return h('div', {}, h('span', {class: 'muted'}, labelOf(k)),
      h('strong', {}, typeof v === 'object' && v !== null ? (v.score ?? JSON.stringify(v)) : v));
  }));
}

function showLead(lead, ctx, reload) {
  const body = h('div', {});
  const paint = l => clear(body,
    facts([['Company', l.company], ['Contact', [l.first_name, l.last_name].filter(Boolean).join(' ')], ['E-mail', l.email],
      ['Title', l.title], ['Industry', l.industry], ['Employees', fmtNum(l.employees)], ['Country', l.country],
      ['Status', l.status], ['Score', l.score !== null && l.score !== undefined ? l.score + ' (' + l.grade + ')' : null],
      ['Method', l.score_method ? l.score_method + (l.score_model ? ' · ' + l.score_model : '') : null],
      ['Scored', fmtDate(l.scored_at)]]),
    l.breakdown ? h('h3', {}, 'BANT breakdown') : null, bant(l.breakdown),
    (l.reasons || []).length ? h('div', {}, h('h3', {}, 'Reasons'), h('ul', {}, l.reasons.map(r => h('li', {}, r)))) : null,
    ctx.can('leads:write') ? h('div', {class: 'actions'}, h('button', {type: 'button', class: 'primary', onclick: async () => {
      try {
        const scored = await api('/api/v1/leads/' + l.id + '/score', {method: 'POST'});
        paint(Object.assign({}, l, scored.lead || scored, scoredFields(scored)));
        reload();
      } catch (err) {
        body.append(errorNotice(err));
      }
    }}, 'Score now')) : null);
  paint(lead);
  dialog(lead.company || lead.email || 'Lead', body);
}

function scoredFields(s) {
  const out = {};
  if (s.score !== undefined) out.score = typeof s.score === 'object' ? s.score.overall : s.score;
  ['grade', 'breakdown', 'reasons', 'method'].forEach(k => { if (s[k] !== undefined) out[k] = s[k]; });
  if (s.method) out.score_method = s.method;
  return out;
}

async function startRun(leadIds, el, reload) {
  if (!leadIds.length) {
    clear(el, notice('info', 'No leads to score.'));
    return;
  }
  let run;
  try {
    run = await api('/api/v1/agent-runs', {method: 'POST', body: {type: 'lead_pipeline', lead_ids: leadIds}});
  } catch (e) {
    clear(el, errorNotice(e, 'Agent runs'));
    return;
  }
  const steps = h('ol', {class: 'steps'});
  const bar = h('span', {});
  const counter = h('span', {class: 'muted'}, '0 steps done');
  const state = h('p', {}, 'Run ', h('code', {}, run.id.substring(0, 8)), ' started for ' + leadIds.length + ' leads…');
  const totals = h('p', {class: 'muted'});
  const progress = h('div', {class: 'progress running', role: 'progressbar', 'aria-label': 'Run progress'}, bar);
  clear(el, h('div', {class: 'panel run'}, state, progress, counter, steps, totals));
  let done = 0;
  try {
    await events('/api/v1/agent-runs/' + run.id + '/events', ({event, data}) => {
      if (event === 'step.completed' || event === 'step.failed') {
        done++;
        counter.textContent = done + ' step' + (done === 1 ? '' : 's') + ' done';
        if (steps.children.length < 12) {
          steps.append(h('li', {}, badge(event === 'step.failed' ? 'failed' : 'completed'),
            (data.node || 'step') + (data.duration_ms !== undefined ? ' · ' + data.duration_ms + ' ms' : '')));
        }
      }
      if (event.startsWith('run.')) {
        clear(state, 'Run ', h('code', {}, run.id.substring(0, 8)), ' ', badge(event.substring(4)));
        state.dataset.status = event.substring(4);
        if (data && (data.cost_usd !== undefined || data.input_tokens !== undefined)) {
          totals.textContent = 'Tokens in ' + fmtNum(data.input_tokens) + ', out ' + fmtNum(data.output_tokens)
            + ' · cost ' + fmtMoney(data.cost_usd) + (data.method ? ' · ' + data.method : '');
        }
        if (['run.completed', 'run.failed', 'run.cancelled', 'run.awaiting_approval'].includes(event)) {
          progress.classList.remove('running');
          bar.style.width = event === 'run.completed' ? '100%' : '0';
        }
        if (event === 'run.failed' && data && data.error) el.append(notice('error', 'The run failed: ' + data.error));
      }
    });
  } catch (e) {
    el.append(errorNotice(e));
  }
  reload();
}

async function renderDrafts(el) {
  try {
    const page = await api('/api/v1/outreach/drafts', {query: {limit: 100}});
    const rows = page.items || page || [];
    const table = new DataTable({caption: 'Outreach drafts', id: 'drafts-table', rows, columns: [
      {key: 'subject', label: 'Subject'},
      {key: 'to_email', label: 'To'},
      {key: 'status', label: 'Status', format: v => v ? badge(v) : null},
      {key: 'created_at', label: 'Created', format: fmtDate},
    ], empty: 'No drafts to review.', onRow: d => showDraft(d, () => renderDrafts(el))});
    table.render();
    clear(el, table.el);
  } catch (e) {
    clear(el, errorNotice(e, 'Outreach drafts'));
  }
}

function showDraft(d, done) {
  const subject = h('input', {type: 'text', value: d.subject || ''});
  const body = h('textarea', {rows: '10'}, d.body || '');
  const status = h('div', {'aria-live': 'assertive'});
  const act = async (path, label, payload) => {
    try {
      await api('/api/v1/outreach/drafts/' + d.id + path, {method: path ? 'POST' : 'PATCH', body: payload});
      toast(label);
      dlg.close();
      done();
    } catch (err) {
      clear(status, errorNotice(err));
    }
  };
  const dlg = dialog('Outreach draft to ' + (d.to_email || ''), d.error ? notice('error', d.error) : null,
    field('Subject', subject), field('Body', body), status,
    h('div', {class: 'actions'},
      h('button', {type: 'button', class: 'secondary', onclick: () => act('', 'Draft saved.',
        {subject: subject.value, body: body.value})}, 'Save'),
      d.status === 'sent' ? null : h('button', {type: 'button', class: 'primary', onclick: () => act('/approve',
        'Approved and sent.')}, 'Approve and send')));
}
