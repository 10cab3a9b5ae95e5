// Orders: the read model's orders with server-side filters (status, customer, dates), sortable and filterable pages,
// an order's lines in a detail view, and new orders arriving live over the WebSocket feed without a reload.
import {api} from '../api.js';
import {badge, clear, DataTable, dialog, errorNotice, facts, field, fmtDate, fmtMoney, fmtNum, h, section, toast} from '../ui.js';

export const COLUMNS = [
  {key: 'order_number', label: 'Order', format: (v, r) => v || r.id},
  {key: 'order_date', label: 'Date', format: fmtDate},
  {key: 'customer_name', label: 'Customer'},
  {key: 'status', label: 'Status', format: v => v ? badge(v.replace('_', ' '), v.replace('_', '-')) : null},
  {key: 'region', label: 'Region'},
  {key: 'total', label: 'Total', numeric: true, format: (v, r) => fmtMoney(v, r.currency || 'USD')},
];

export async function render(container, ctx) {
  const status = h('select', {id: 'orders-status'}, ['', 'pending', 'partially_fulfilled', 'fulfilled', 'cancelled']
    .map(s => h('option', {value: s}, s ? s.replace('_', ' ') : 'Any status')));
  const customer = h('input', {type: 'search', id: 'orders-customer', placeholder: 'Customer name'});
  const from = h('input', {type: 'date', id: 'orders-from'});
  const to = h('input', {type: 'date', id: 'orders-to'});
  let query = {};
  const load = cursor => api('/api/v1/orders', {query: Object.assign({cursor, limit: 100}, query)});
  const table = new DataTable({caption: 'Orders', id: 'orders-table', columns: COLUMNS, load, pageSize: 25,
    onRow: row => showOrder(row)});
  const reload = async () => {
    const page = await load(null);
    table.nextCursor = page.next_cursor || null;
    table.setRows(page.items || []);
  };
  const filters = h('form', {class: 'inline-form', onsubmit: async e => {
    e.preventDefault();
    query = {status: status.value, customer: customer.value.trim(), from: from.value, to: to.value};
    try {
      await reload();
    } catch (err) {
      toast(err.message);
    }
  }}, field('Status', status), field('Customer', customer), field('From', from), field('To', to),
  h('button', {type: 'submit', class: 'secondary'}, 'Apply filters'));
  try {
    await table.start();
  } catch (e) {
    clear(container, errorNotice(e, 'Orders'));
    return null;
  }
  clear(container, section('All orders', filters, table.el));
  const off = ctx.live.on(async message => {
    if (message.type !== 'order.created') return;
    try {
      await reload();
      const id = message.order_id;
      toast('New order ' + (id || '') + (message.customer_name ? ' from ' + message.customer_name : '') + ' arrived.');
      table.el.querySelectorAll('tbody tr').forEach(tr => {
        if (id && tr.textContent.includes(id)) tr.classList.add('new');
      });
    } catch (err) {
      toast(err.message);
    }
  });
  return off;
}

async function showOrder(row) {
  let order = row;
  try {
    order = await api('/api/v1/orders/' + encodeURIComponent(row.id));
  } catch (e) {
    toast(e.message);
  }
  const lines = order.lines || [];
  dialog('Order ' + (order.order_number || order.id),
    facts([['Customer', order.customer_name], ['Date', fmtDate(order.order_date)], ['Status', order.status],
      ['Region', order.region], ['Total', fmtMoney(order.total, order.currency || 'USD')]]),
    lines.length ? h('div', {class: 'table-scroll'}, h('table', {},
      h('caption', {class: 'sr-only'}, 'Order lines'),
      h('thead', {}, h('tr', {}, ['#', 'Product', 'SKU', 'Quantity', 'Unit price', 'Line total'].map((l, i) =>
        h('th', {scope: 'col', class: i >= 3 ? 'num' : ''}, l)))),
      h('tbody', {}, lines.map(l => h('tr', {}, h('td', {}, l.line_no), h('td', {}, l.product_name), h('td', {}, l.sku),
        h('td', {class: 'num'}, fmtNum(l.quantity, 2)), h('td', {class: 'num'}, fmtMoney(l.unit_price)),
        h('td', {class: 'num'}, fmtMoney(l.line_total)))))))
      : h('p', {class: 'muted'}, 'No lines.'));
}
