// Customers: accounts with their order count, revenue and last order, sortable, filterable and paged; a customer's
// recent orders in the detail view.
import {api} from '../api.js';
import {clear, DataTable, dialog, errorNotice, facts, fmtDate, fmtMoney, fmtNum, h, section, toast} from '../ui.js';
import {COLUMNS as ORDER_COLUMNS} from './orders.js';

export async function render(container) {
  const table = new DataTable({
    caption: 'Customers', id: 'customers-table',
    load: cursor => api('/api/v1/customers', {query: {cursor, limit: 100}}),
    columns: [
      {key: 'name', label: 'Customer'},
      {key: 'segment', label: 'Segment'},
      {key: 'region', label: 'Region'},
      {key: 'country', label: 'Country'},
      {key: 'orders', label: 'Orders', numeric: true, format: v => fmtNum(v)},
      {key: 'revenue', label: 'Revenue', numeric: true, format: v => fmtMoney(v)},
      {key: 'last_order_date', label: 'Last order', format: fmtDate},
    ],
    onRow: showCustomer,
  });
  try {
    await table.start();
    clear(container, section('Customers', table.el));
  } catch (e) {
    clear(container, errorNotice(e, 'Customers'));
  }
}

async function showCustomer(c) {
  const orders = h('div', {}, h('p', {class: 'muted'}, 'Loading orders…'));
  dialog(c.name, facts([['Segment', c.segment], ['Region', c.region], ['Country', c.country],
    ['Orders', fmtNum(c.orders)], ['Revenue', fmtMoney(c.revenue)], ['Last order', fmtDate(c.last_order_date)]]),
  h('h3', {}, 'Recent orders'), orders);
  try {
    const page = await api('/api/v1/orders', {query: {customer_id: c.id, limit: 20}});
    const table = new DataTable({caption: 'Orders of ' + c.name, columns: ORDER_COLUMNS, rows: page.items || [],
      pageSize: 10});
    table.render();
    clear(orders, table.el);
  } catch (e) {
    toast(e.message);
    clear(orders, errorNotice(e, 'Orders'));
  }
}
