// Costs: AI spend over a period grouped by user, feature, model or day (exact USD from the server, tokens in/out,
// cache hits) with charts, cost per scored lead and per proposal, and the tenant's budgets with their alerts.
import {api} from '../api.js';
import {chart, clear, DataTable, errorNotice, field, fmtDate, fmtMoney, fmtNum, h, kpi, notice, PALETTE, section, toast} from '../ui.js';

const GROUPS = [['feature', 'Feature'], ['model', 'Model'], ['user', 'User'], ['day', 'Day']];

export async function render(container, ctx) {
  const charts = [];
  const month = new Date().toISOString().substring(0, 8) + '01';
  const from = h('input', {type: 'date', id: 'costs-from', value: month});
  const to = h('input', {type: 'date', id: 'costs-to'});
  const report = h('div', {id: 'cost-report'});
  const budgets = h('div', {id: 'budgets'});
  const load = async () => {
    charts.splice(0).forEach(c => c && c.destroy());
    try {
      const reports = await Promise.all(GROUPS.map(([g]) => api('/api/v1/costs',
        {query: {groupBy: g, from: from.value, to: to.value}})));
      clear(report, renderReports(reports, charts));
    } catch (e) {
      clear(report, errorNotice(e, 'Cost reporting'));
    }
  };
  const form = h('form', {class: 'inline-form', onsubmit: e => { e.preventDefault(); load(); }},
    field('From', from), field('To (excluded)', to), h('button', {type: 'submit', class: 'secondary'}, 'Show'));
  clear(container, h('div', {class: 'stack'}, h('div', {}, form, report), section('Budgets and alerts', budgets)));
  await Promise.all([load(), renderBudgets(budgets, ctx)]);
  return () => charts.forEach(c => c && c.destroy());
}

function renderReports(reports, charts) {
  const total = reports[0].total || {};
  const byKey = Object.fromEntries(reports.map(r => [r.group_by, r]));
  const cards = h('div', {class: 'kpis'},
    kpi('cost_total', 'Spend', fmtMoney(total.cost_usd), total.cost_usd, fmtDate(reports[0].from) + ' to ' + fmtDate(reports[0].to)),
    kpi('calls', 'Model calls', fmtNum(total.calls), total.calls, fmtNum(total.cache_hits) + ' from cache'),
    kpi('tokens_in', 'Tokens in', fmtNum(total.input_tokens), total.input_tokens),
    kpi('tokens_out', 'Tokens out', fmtNum(total.output_tokens), total.output_tokens),
    (reports[0].per_outcome || []).map(o => kpi('per_' + o.feature, 'Cost per ' + (o.feature === 'lead_scoring'
      ? 'scored lead' : o.feature), o.usd_per_outcome ? fmtMoney(o.usd_per_outcome, 'USD') : '—', o.usd_per_outcome,
    fmtNum(o.outcomes) + ' outcomes')));
  const blocks = GROUPS.map(([g, label]) => {
    const r = byKey[g];
    const groups = (r && r.groups) || [];
    if (!groups.length) return section('By ' + label.toLowerCase(), h('p', {class: 'muted'}, 'No AI spend in this period.'));
    const c = chart('Spend by ' + label.toLowerCase() + ' (USD)', {type: g === 'day' ? 'line' : 'bar', data: {
      labels: groups.map(x => x.key || '(none)'),
      datasets: [{label: 'USD', data: groups.map(x => Number(x.cost_usd)), backgroundColor: PALETTE[GROUPS.indexOf(
        GROUPS.find(x => x[0] === g))], borderColor: PALETTE[0], fill: false}]},
    options: {plugins: {legend: {display: false}}}}, 220);
    charts.push(c.chart);
    const table = new DataTable({caption: 'Spend by ' + label, rows: groups, pageSize: 10, columns: [
      {key: 'key', label: label, format: v => v || '(none)'},
      {key: 'calls', label: 'Calls', numeric: true, format: v => fmtNum(v)},
      {key: 'input_tokens', label: 'Tokens in', numeric: true, format: v => fmtNum(v)},
      {key: 'output_tokens', label: 'Tokens out', numeric: true, format: v => fmtNum(v)},
      {key: 'cost_usd', label: 'USD', numeric: true, format: v => '$' + v},
    ]});
    table.render();
    return section('By ' + label.toLowerCase(), c.figure, table.el);
  });
  return h('div', {}, cards, h('div', {class: 'grid-2'}, blocks));
}

async function renderBudgets(el, ctx) {
  let view;
  try {
    view = await api('/api/v1/budgets');
  } catch (e) {
    clear(el, errorNotice(e, 'Budgets'));
    return;
  }
  const rows = view.budgets || [];
  const table = new DataTable({caption: 'Budgets', id: 'budgets-table', rows, columns: [
    {key: 'feature', label: 'Feature', format: v => v || 'all features'},
    {key: 'period', label: 'Period'},
    {key: 'limit_usd', label: 'Limit', numeric: true, format: v => '$' + v},
    {key: 'spent_usd', label: 'Spent', numeric: true, format: v => '$' + v},
    {key: 'reserved_usd', label: 'In flight', numeric: true, format: v => '$' + v},
    {key: 'used', label: 'Used', sortable: false, format: (v, r) => usage(r)},
    {key: 'alert_thresholds', label: 'Alerts at', format: v => (v || []).map(x => x + '%').join(', ')},
  ], empty: 'No budgets: AI spend is not limited.'});
  table.render();
  clear(el, table.el, view.alert_webhook_url ? h('p', {class: 'muted'}, 'Alerts are posted to ' + view.alert_webhook_url) : null,
    ctx.can('budgets:manage') ? budgetForm(rows, view.alert_webhook_url, () => renderBudgets(el, ctx)) : null);
}

function usage(b) {
  const pct = Number(b.limit_usd) > 0 ? Math.min(100, Number(b.spent_usd) * 100 / Number(b.limit_usd)) : 0;
  return h('div', {}, h('div', {class: 'progress', role: 'progressbar', 'aria-valuenow': String(Math.round(pct)),
    'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-label': 'Budget used'}, h('span', {style: 'width:' + pct + '%'})),
  h('span', {class: 'muted'}, fmtNum(pct, 1) + '%'));
}

function budgetForm(rows, webhook, done) {
  const feature = h('input', {type: 'text', placeholder: 'blank: all features'});
  const period = h('select', {}, ['monthly', 'daily'].map(p => h('option', {value: p}, p)));
  const limit = h('input', {type: 'number', min: '0', step: '0.01', required: true});
  const alerts = h('input', {type: 'text', value: '50, 80, 100'});
  const status = h('div', {'aria-live': 'assertive'});
  const form = h('form', {class: 'inline-form'}, field('Feature', feature), field('Period', period),
    field('Limit (USD)', limit), field('Alert at (%)', alerts),
    h('button', {type: 'submit', class: 'primary'}, 'Add budget'));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const budgets = rows.map(b => ({feature: b.feature, period: b.period, limit_usd: b.limit_usd,
      alert_thresholds: b.alert_thresholds}));
    budgets.push({feature: feature.value.trim() || null, period: period.value, limit_usd: limit.value,
      alert_thresholds: alerts.value.split(',').map(x => Number(x.trim())).filter(x => x > 0)});
    try {
      await api('/api/v1/budgets', {method: 'PUT', body: {budgets, alert_webhook_url: webhook || null}});
      toast('Budget saved.');
      done();
    } catch (err) {
      clear(status, errorNotice(err));
    }
  });
  return h('div', {}, h('h3', {}, 'Add a budget'), form, status,
    notice('info', 'Hard limits refuse AI calls before they are sent once the period\'s spend would pass the limit.'));
}
