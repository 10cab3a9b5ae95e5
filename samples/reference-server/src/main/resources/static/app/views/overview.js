// Overview: KPI cards and charts from GET /api/v1/dashboard/overview and /dashboard/pipeline, refreshed live when the
// WebSocket feed says an order arrived or the metrics changed.
import {api} from '../api.js';
import {chart, clear, errorNotice, fmtMoney, fmtNum, fmtPct, h, kpi, PALETTE, section, specChart} from '../ui.js';

export async function render(container, ctx) {
  const charts = [];
  let timer = null;
  const draw = async flash => {
    let overview;
    try {
      overview = await api('/api/v1/dashboard/overview');
    } catch (e) {
      clear(container, errorNotice(e, 'The overview'));
      return;
    }
    let pipeline = null;
    try {
      pipeline = await api('/api/v1/dashboard/pipeline');
    } catch (e) {
      pipeline = null; // the pipeline cards and funnel are left out
    }
    let insights = null;
    if (ctx.can('insights:read')) {
      try {
        insights = await api('/api/v1/insights');
      } catch (e) {
        insights = null; // the at-risk card and the summary are left out
      }
    }
    charts.splice(0).forEach(c => c && c.destroy());
    clear(container, layout(overview, pipeline, insights, charts));
    if (flash) container.querySelectorAll('.kpi').forEach(k => k.classList.add('flash'));
  };
  await draw(false);
  const off = ctx.live.on(message => {
    if (message.type === 'order.created' || message.type === 'metrics.updated') {
      clearTimeout(timer);
      timer = setTimeout(() => draw(true), 300); // several events in a burst redraw once
    }
  });
  return () => {
    off();
    clearTimeout(timer);
    charts.forEach(c => c && c.destroy());
  };
}

function delta(now, before) {
  if (before === undefined || before === null || Number(before) === 0 || now === undefined || now === null) return null;
  const pct = (Number(now) - Number(before)) * 100 / Number(before);
  return h('span', {class: pct >= 0 ? 'up' : 'down'}, (pct >= 0 ? '▲ ' : '▼ ') + fmtNum(Math.abs(pct), 1) + '%');
}

function layout(o, p, insights, charts) {
  const cur = o.current || {};
  const prev = o.previous || {};
  const today = o.today || null;
  const period = o.period ? o.period.start + ' – ' + o.period.end : '';
  const vs = () => h('span', {}, ' vs last month');
  const cards = [];
  if (today) {
    const day = o.as_of ? 'on ' + o.as_of : null; // "today" is the as-of day (the demo's last order date)
    cards.push(kpi('orders_today', 'Orders today', fmtNum(today.orders), today.orders, day));
    cards.push(kpi('revenue_today', 'Revenue today', fmtMoney(today.revenue), today.revenue, day));
  }
  cards.push(kpi('orders_month', 'Orders this month', fmtNum(cur.orders), cur.orders,
    h('span', {}, delta(cur.orders, prev.orders), prev.orders !== undefined ? vs() : null)));
  cards.push(kpi('revenue_month', 'Revenue this month', fmtMoney(cur.revenue), cur.revenue,
    h('span', {}, delta(cur.revenue, prev.revenue), prev.revenue !== undefined ? vs() : null)));
  if (cur.average_order_value !== undefined) {
    cards.push(kpi('average_order_value', 'Average order value', fmtMoney(cur.average_order_value), cur.average_order_value));
  }
  if (cur.pending_orders !== undefined) {
    cards.push(kpi('pending_orders', 'Pending orders', fmtNum(cur.pending_orders), cur.pending_orders,
      cur.pending_amount !== undefined ? fmtMoney(cur.pending_amount) + ' open' : null));
  }
  const totals = p && (p.totals || p);
  if (totals && totals.open_amount !== undefined) {
    cards.push(kpi('pipeline_value', 'Pipeline value', fmtMoney(totals.open_amount, 'USD', true), totals.open_amount,
      totals.open_deals !== undefined ? fmtNum(totals.open_deals) + ' open deals' : null));
  }
  if (totals && totals.win_rate !== undefined) {
    cards.push(kpi('win_rate', 'Win rate', fmtPct(totals.win_rate), totals.win_rate));
  }
  const items = (insights && insights.insights) || [];
  const stalled = items.find(i => i.kind === 'stalled_deals');
  if (stalled) {
    const n = (stalled.rows || []).length;
    cards.push(kpi('at_risk_deals', 'At-risk deals', fmtNum(n), n, 'large deals stalled in their stage'));
  }
  const summary = items.find(i => i.kind === 'summary');

  const blocks = [];
  const months = o.revenue_by_month || o.orders_by_month || [];
  if (months.length) {
    const c = chart('Orders and revenue by month', {
      type: 'line',
      data: {
        labels: months.map(m => m.month || m.period || m.date),
        datasets: [
          {label: 'Revenue (USD)', data: months.map(m => Number(m.revenue || 0)), borderColor: PALETTE[0],
            backgroundColor: 'rgba(29,78,216,.12)', fill: true, tension: .25, yAxisID: 'y'},
          {label: 'Orders', data: months.map(m => Number(m.orders || 0)), borderColor: PALETTE[2],
            backgroundColor: PALETTE[2], tension: .25, yAxisID: 'y1'},
        ],
      },
      options: {scales: {y: {position: 'left', ticks: {callback: v => fmtMoney(v, 'USD', true)}},
        y1: {position: 'right', grid: {drawOnChartArea: false}}}},
    }, 280);
    charts.push(c.chart);
    blocks.push(h('div', {class: 'panel'}, c.figure));
  }
  const byCategory = o.revenue_by_category || [];
  const statuses = o.order_status || [];
  if (byCategory.length) {
    const c = chart('Revenue by category (this month)', {type: 'bar', data: {
      labels: byCategory.map(r => r.category),
      datasets: [{label: 'Revenue (USD)', data: byCategory.map(r => Number(r.revenue || 0)),
        backgroundColor: PALETTE[1]}]},
    options: {plugins: {tooltip: {callbacks: {afterLabel: t => {
      const r = byCategory[t.dataIndex];
      return fmtNum(r.orders) + ' orders · ' + fmtNum(r.units) + ' units';
    }}}}, scales: {y: {ticks: {callback: v => fmtMoney(v, 'USD', true)}}}}});
    charts.push(c.chart);
    blocks.push(h('div', {class: 'panel'}, c.figure));
  } else if (statuses.length) {
    const c = chart('Orders by status this month', {type: 'bar', data: {
      labels: statuses.map(r => r.status),
      datasets: [{label: 'Orders', data: statuses.map(r => Number(r.orders || 0)), backgroundColor: PALETTE[1]}]}});
    charts.push(c.chart);
    blocks.push(h('div', {class: 'panel'}, c.figure));
  }
  const stages = p && (p.stages || []).filter(s => !s.closed);
  if (stages && stages.length) {
    const c = chart('Pipeline funnel (open deals by stage)', {type: 'bar', data: {
      labels: stages.map(s => s.stage),
      datasets: [{label: 'Amount (USD)', data: stages.map(s => Number(s.amount || 0)),
        backgroundColor: stages.map((s, i) => PALETTE[i % PALETTE.length])}]},
    options: {indexAxis: 'y', plugins: {legend: {display: false}},
      scales: {x: {ticks: {callback: v => fmtMoney(v, 'USD', true)}}}}});
    charts.push(c.chart);
    blocks.push(h('div', {class: 'panel'}, c.figure));
  }
  if (o.chart) {
    const c = specChart(o.chart);
    charts.push(c.chart);
    blocks.push(h('div', {class: 'panel'}, c.figure));
  }
  const top = o.top_customers || [];
  const topPanel = top.length ? section('Top customers this year', h('div', {class: 'table-scroll'}, h('table', {},
    h('caption', {class: 'sr-only'}, 'Top customers by revenue'),
    h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'Customer'), h('th', {scope: 'col', class: 'num'}, 'Orders'),
      h('th', {scope: 'col', class: 'num'}, 'Revenue'))),
    h('tbody', {}, top.map(c => h('tr', {}, h('td', {}, c.name || c.customer), h('td', {class: 'num'}, fmtNum(c.orders)),
      h('td', {class: 'num'}, fmtMoney(c.revenue)))))))) : null;
  return h('div', {},
    h('p', {class: 'muted subtitle'}, period ? 'Month of ' + period + (o.as_of ? ' · figures as of ' + o.as_of : '') : ''),
    h('div', {class: 'kpis', id: 'kpis'}, cards),
    summary && summary.text ? h('div', {class: 'panel summary'}, h('h2', {}, 'Executive summary'),
      h('p', {}, summary.text), stalled && stalled.text ? h('p', {class: 'muted'}, stalled.text) : null) : null,
    h('div', {class: 'grid-2'}, blocks, topPanel));
}
