// Pipeline: deals by stage (count, amount, weighted amount), the open, weighted and won totals, and the funnel.
import {api} from '../api.js';
import {chart, clear, DataTable, errorNotice, fmtMoney, fmtNum, fmtPct, h, kpi, PALETTE, section} from '../ui.js';

export async function render(container, ctx) {
  let p;
  try {
    p = await api('/api/v1/dashboard/pipeline');
  } catch (e) {
    clear(container, errorNotice(e, 'The pipeline'));
    return null;
  }
  const t = p.totals || p;
  const stages = p.stages || [];
  const funnel = chart('Amount by stage', {type: 'bar', data: {labels: stages.map(s => s.stage), datasets: [
    {label: 'Amount (USD)', data: stages.map(s => Number(s.amount || 0)), backgroundColor: PALETTE[0]},
    {label: 'Weighted (USD)', data: stages.map(s => Number(s.weighted || 0)), backgroundColor: PALETTE[1]}]},
  options: {indexAxis: 'y', scales: {x: {ticks: {callback: v => fmtMoney(v, 'USD', true)}}}}}, 320);
  const table = new DataTable({caption: 'Stages', id: 'pipeline-table', rows: stages, columns: [
    {key: 'stage', label: 'Stage', format: (v, r) => r.closed ? h('span', {}, v, ' ', h('span', {class: 'muted'}, '(closed)')) : v},
    {key: 'deals', label: 'Deals', numeric: true, format: v => fmtNum(v)},
    {key: 'amount', label: 'Amount', numeric: true, format: v => fmtMoney(v)},
    {key: 'weighted', label: 'Weighted', numeric: true, format: v => fmtMoney(v)},
  ]});
  table.render();
  clear(container,
    h('div', {class: 'kpis'},
      kpi('open_amount', 'Open pipeline', fmtMoney(t.open_amount, 'USD', true), t.open_amount,
        fmtMoney(t.open_amount) + ' · ' + fmtNum(t.open_deals) + ' open deals'),
      kpi('weighted_forecast', 'Weighted forecast', fmtMoney(t.weighted_forecast, 'USD', true), t.weighted_forecast,
        fmtMoney(t.weighted_forecast)),
      kpi('won_amount', 'Won', fmtMoney(t.won_amount, 'USD', true), t.won_amount,
        fmtMoney(t.won_amount) + ' · ' + fmtNum(t.won_deals) + ' deals'),
      kpi('win_rate', 'Win rate', fmtPct(t.win_rate), t.win_rate)),
    h('div', {class: 'grid-2'}, h('div', {class: 'panel'}, funnel.figure), section('Stages', table.el)));
  return () => funnel.chart && funnel.chart.destroy();
}
