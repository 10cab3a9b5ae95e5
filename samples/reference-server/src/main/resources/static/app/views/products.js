// Products: the catalogue with list price, units sold and revenue, sortable, filterable and paged.
import {api} from '../api.js';
import {badge, clear, DataTable, dialog, errorNotice, facts, fmtMoney, fmtNum, h, section} from '../ui.js';

export async function render(container) {
  const table = new DataTable({
    caption: 'Products', id: 'products-table',
    load: cursor => api('/api/v1/products', {query: {cursor, limit: 100}}),
    columns: [
      {key: 'name', label: 'Product'},
      {key: 'sku', label: 'SKU'},
      {key: 'category', label: 'Category'},
      {key: 'sub_category', label: 'Sub-category'},
      {key: 'unit_price', label: 'List price', numeric: true, format: v => fmtMoney(v)},
      {key: 'units_sold', label: 'Units sold', numeric: true, format: v => fmtNum(v)},
      {key: 'revenue', label: 'Revenue', numeric: true, format: v => fmtMoney(v)},
      {key: 'active', label: 'Status', format: v => v === false ? badge('inactive', 'disabled') : badge('active')},
    ],
    onRow: p => dialog(p.name, facts([['SKU', p.sku], ['Category', p.category], ['Sub-category', p.sub_category],
      ['List price', fmtMoney(p.unit_price)], ['Units sold', fmtNum(p.units_sold)], ['Revenue', fmtMoney(p.revenue)],
      ['Inventory', p.inventory !== undefined ? fmtNum(p.inventory) : null]])),
  });
  try {
    await table.start();
    clear(container, section('Products', table.el));
  } catch (e) {
    clear(container, errorNotice(e, 'Products'));
  }
}
