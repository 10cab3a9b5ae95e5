// Small UI helpers of the dashboard: an element builder, number/date formats, notices, KPI cards, charts (Chart.js
// from its WebJar) and one data table (sortable, filterable, paged) used by every list.

/** h('div', {class: 'x', onclick: fn}, child, 'text', [more]) -> element. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (v === undefined || v === null || v === false) return;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.substring(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, v);
  });
  append(el, children);
  return el;
}

function append(el, children) {
  children.flat(Infinity).forEach(c => {
    if (c === undefined || c === null || c === false) return;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  });
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

const money = new Map();
/** 1234.5 -> "$1,234.50" (amounts arrive as JSON numbers or strings of exact decimals). */
export function fmtMoney(value, currency = 'USD', compact = false) {
  if (value === undefined || value === null || value === '') return '—';
  const key = currency + compact;
  if (!money.has(key)) {
    money.set(key, new Intl.NumberFormat('en-US', compact
      ? {style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1}
      : {style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2}));
  }
  return money.get(key).format(Number(value));
}

export function fmtNum(value, digits = 0) {
  if (value === undefined || value === null || value === '') return '—';
  return Number(value).toLocaleString('en-US', {maximumFractionDigits: digits});
}

export function fmtPct(value) {
  if (value === undefined || value === null || value === '') return '—';
  return fmtNum(value, 1) + '%';
}

export function fmtDate(value) {
  if (!value) return '—';
  const s = String(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return s;
  const d = new Date(s);
  return isNaN(d) ? s : d.toISOString().replace('T', ' ').substring(0, 16) + ' UTC';
}

export function toast(text) {
  const el = document.getElementById('toast');
  el.textContent = text;
  el.classList.add('show');
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => el.classList.remove('show'), 4000);
}

/** A notice box: kind is 'error', 'info', 'ok' or 'warn'. Errors are announced to screen readers. */
export function notice(kind, text, details) {
  return h('div', {class: 'notice ' + kind, role: kind === 'error' ? 'alert' : 'status'},
    h('p', {}, text),
    details && details.length ? h('ul', {}, details.map(d => h('li', {}, d))) : null);
}

/** The notice for an ApiError: plain words, field messages listed, 404 as "not available". */
export function errorNotice(e, what) {
  if (e && e.status === 404 && what) return unavailable(what);
  const details = (e && e.errors || []).map(x => (x.field ? x.field + ': ' : '') + (x.message || x.reason || ''));
  return notice('error', (e && e.message) || 'Something went wrong.', details);
}

/** What a page shows when the server does not offer an endpoint it needs (404). */
export function unavailable(what) {
  return h('div', {class: 'notice info unavailable', role: 'status', dataset: {unavailable: 'true'}},
    h('p', {}, h('strong', {}, what + ' is not available on this server.')),
    h('p', {}, 'The API behind it is not installed or not enabled. The rest of the dashboard works as usual.'));
}

export function section(title, ...children) {
  const id = 'h-' + title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return h('section', {class: 'panel', 'aria-labelledby': id}, h('h2', {id}, title), children);
}

/** A KPI card; data-kpi and data-value carry the figure for tests and automation. */
export function kpi(id, label, text, value, sub) {
  return h('div', {class: 'kpi', dataset: {kpi: id, value: value === undefined || value === null ? '' : String(value)}},
    h('div', {class: 'kpi-label'}, label),
    h('div', {class: 'kpi-value'}, text),
    sub ? h('div', {class: 'kpi-sub'}, sub) : null);
}

export const PALETTE = ['#1d4ed8', '#0f766e', '#b45309', '#7c3aed', '#be123c', '#0369a1', '#4d7c0f', '#a21caf'];

/** A chart in a figure; returns {figure, chart}. config is Chart.js's; label describes it for screen readers. */
export function chart(label, config, height = 260) {
  const canvas = h('canvas', {role: 'img', 'aria-label': label});
  const figure = h('figure', {class: 'chart'}, h('figcaption', {}, label),
    h('div', {class: 'chart-box', style: 'height:' + height + 'px'}, canvas));
  if (!window.Chart) {
    figure.append(notice('warn', 'Charts cannot be drawn: the chart library did not load.'));
    return {figure, chart: null};
  }
  const options = Object.assign({responsive: true, maintainAspectRatio: false, animation: false,
    plugins: {legend: {labels: {color: '#1f2937'}}}}, config.options || {});
  const instance = new window.Chart(canvas, Object.assign({}, config, {options}));
  return {figure, chart: instance};
}

/**
 * Converts the API's chart specification {type, title?, labels, series: [{name, data}]} into a Chart.js chart.
 * Unknown types draw as bars.
 */
export function specChart(spec, label) {
  const type = {line: 'line', bar: 'bar', pie: 'pie', doughnut: 'doughnut', funnel: 'bar', column: 'bar'}[
    (spec.type || 'bar').toLowerCase()] || 'bar';
  const series = spec.series || (spec.values ? [{name: spec.title || 'value', data: spec.values}] : []);
  const pie = type === 'pie' || type === 'doughnut';
  const datasets = series.map((s, i) => ({
    label: s.name || s.label || 'series ' + (i + 1),
    data: (s.data || s.values || []).map(Number),
    backgroundColor: pie ? PALETTE : PALETTE[i % PALETTE.length],
    borderColor: PALETTE[i % PALETTE.length],
  }));
  const options = spec.type === 'funnel' ? {indexAxis: 'y'} : {};
  return chart(label || spec.title || 'Chart', {type, data: {labels: spec.labels || [], datasets}, options});
}

/**
 * A table over rows: columns [{key, label, format?(value, row), numeric?, sortable? (default true)}]; the header
 * buttons sort, the filter box narrows to rows containing the text, and rows are shown pageSize at a time. With
 * load(cursor) -> {items, next_cursor} the table pages through the server (a "Load more" fetches the next page).
 * onRow(row) makes rows open a detail (click or Enter).
 */
export class DataTable {
  constructor({caption, columns, rows = [], load, onRow, pageSize = 25, id, empty = 'Nothing to show.'}) {
    Object.assign(this, {caption, columns, rows, load, onRow, pageSize, empty});
    this.id = id || 'table-' + Math.random().toString(36).substring(2, 8);
    this.sortKey = null;
    this.sortDir = 1;
    this.filter = '';
    this.page = 0;
    this.nextCursor = null;
    this.el = h('div', {class: 'datatable', id: this.id});
  }

  /** Loads the first page (when load is given) and renders; returns the element. */
  async start() {
    if (this.load) {
      const first = await this.load(null);
      this.rows = first.items || [];
      this.nextCursor = first.next_cursor || null;
    }
    this.render();
    return this.el;
  }

  setRows(rows) {
    this.rows = rows;
    this.page = 0;
    this.render();
  }

  view() {
    const text = this.filter.trim().toLowerCase();
    let rows = !text ? this.rows : this.rows.filter(r => this.columns.some(c => {
      const v = c.format ? c.format(r[c.key], r) : r[c.key];
      return v !== null && v !== undefined && String(v instanceof Node ? v.textContent : v).toLowerCase().includes(text);
    }));
    if (this.sortKey) {
      const key = this.sortKey;
      const numeric = this.columns.find(c => c.key === key).numeric;
      rows = rows.slice().sort((a, b) => {
        const x = a[key], y = b[key];
        if (x === y) return 0;
        if (x === null || x === undefined) return 1;
        if (y === null || y === undefined) return -1;
        return (numeric ? Number(x) - Number(y) : String(x).localeCompare(String(y))) * this.sortDir;
      });
    }
    return rows;
  }

  render() {
    const rows = this.view();
    const pages = Math.max(1, Math.ceil(rows.length / this.pageSize));
    this.page = Math.min(this.page, pages - 1);
    const shown = rows.slice(this.page * this.pageSize, (this.page + 1) * this.pageSize);
    const filterId = this.id + '-filter';
    const head = h('tr', {}, this.columns.map(c => {
      const sorted = this.sortKey === c.key;
      const th = h('th', {scope: 'col', class: c.numeric ? 'num' : '',
        'aria-sort': sorted ? (this.sortDir > 0 ? 'ascending' : 'descending') : null});
      if (c.sortable === false) {
        th.textContent = c.label;
      } else {
        th.append(h('button', {type: 'button', class: 'sort', onclick: () => this.sortBy(c.key)},
          c.label, h('span', {class: 'sort-mark', 'aria-hidden': 'true'}, sorted ? (this.sortDir > 0 ? '▲' : '▼') : '↕')));
      }
      return th;
    }));
    const body = h('tbody', {}, shown.length ? shown.map(r => {
      const tr = h('tr', {}, this.columns.map(c => {
        const v = c.format ? c.format(r[c.key], r) : r[c.key];
        return h('td', {class: c.numeric ? 'num' : ''}, v === null || v === undefined || v === '' ? '—' : v);
      }));
      if (this.onRow) {
        tr.classList.add('clickable');
        tr.tabIndex = 0;
        tr.addEventListener('click', () => this.onRow(r));
        tr.addEventListener('keydown', e => { if (e.key === 'Enter') this.onRow(r); });
      }
      return tr;
    }) : h('tr', {}, h('td', {colspan: this.columns.length, class: 'empty'}, this.empty)));
    const filter = h('input', {id: filterId, type: 'search', value: this.filter, placeholder: 'Filter rows',
      oninput: e => { this.filter = e.target.value; this.page = 0; this.renderKeepingFocus(filterId); }});
    const pager = h('div', {class: 'pager'},
      h('span', {class: 'muted', 'aria-live': 'polite'}, rows.length + ' row' + (rows.length === 1 ? '' : 's')
        + (this.nextCursor ? ' loaded' : '') + ' · page ' + (this.page + 1) + ' of ' + pages),
      h('button', {type: 'button', class: 'secondary', disabled: this.page === 0,
        onclick: () => { this.page--; this.render(); }}, 'Previous'),
      h('button', {type: 'button', class: 'secondary', disabled: this.page >= pages - 1,
        onclick: () => { this.page++; this.render(); }}, 'Next'),
      this.nextCursor ? h('button', {type: 'button', class: 'secondary', onclick: () => this.more()},
        'Load more') : null);
    clear(this.el,
      h('div', {class: 'table-tools'}, h('label', {for: filterId, class: 'sr-only'}, 'Filter ' + this.caption), filter),
      h('div', {class: 'table-scroll'}, h('table', {},
        h('caption', {class: 'sr-only'}, this.caption), h('thead', {}, head), body)),
      pager);
  }

  renderKeepingFocus(id) {
    this.render();
    const input = document.getElementById(id);
    if (input) {
      input.focus();
      input.setSelectionRange(input.value.length, input.value.length);
    }
  }

  sortBy(key) {
    this.sortDir = this.sortKey === key ? -this.sortDir : 1;
    this.sortKey = key;
    this.render();
    const button = [...this.el.querySelectorAll('th button')]
      .find((b, i) => this.columns.filter(c => c.sortable !== false)[i]?.key === key);
    if (button) button.focus();
  }

  async more() {
    const next = await this.load(this.nextCursor);
    this.rows = this.rows.concat(next.items || []);
    this.nextCursor = next.next_cursor || null;
    this.render();
  }
}

/** A modal dialog (native <dialog>, Escape closes, focus returns). */
export function dialog(title, ...content) {
  const titleId = 'dlg-' + Math.random().toString(36).substring(2, 8);
  const close = h('button', {type: 'button', class: 'secondary close', 'aria-label': 'Close'}, '✕');
  const dlg = h('dialog', {'aria-labelledby': titleId},
    h('div', {class: 'dialog-head'}, h('h2', {id: titleId}, title), close), h('div', {class: 'dialog-body'}, content));
  close.addEventListener('click', () => dlg.close());
  dlg.addEventListener('close', () => dlg.remove());
  document.body.append(dlg);
  dlg.showModal();
  return dlg;
}

/** Label + control pair; returns the wrapper. */
export function field(label, control, hint) {
  if (!control.id) control.id = 'f-' + Math.random().toString(36).substring(2, 8);
  return h('div', {class: 'field'}, h('label', {for: control.id}, label), control,
    hint ? h('div', {class: 'hint'}, hint) : null);
}

/** A definition list of key -> value pairs. */
export function facts(pairs) {
  return h('dl', {class: 'facts'}, pairs.filter(p => p).map(([k, v]) =>
    [h('dt', {}, k), h('dd', {}, v === null || v === undefined || v === '' ? '—' : v)]));
}

export function badge(text, kind) {
  return h('span', {class: 'badge ' + (kind || String(text).toLowerCase().replace(/[^a-z]+/g, '-'))}, text);
}

/** A title-cased label of a snake_case key. */
export function labelOf(key) {
  return String(key).replace(/_/g, ' ').replace(/^./, c => c.toUpperCase());
}
