// AI Assistant: questions to POST /api/v1/query/ask, each answer with its chart, rows and which agents and method
// (rules or model) produced it; a sales-order request becomes a transaction draft shown as an editable form with its
// validation messages and Approve / Reject; voice input through the browser's speech recognition where available.
import {api} from '../api.js';
import {badge, clear, DataTable, errorNotice, field, fmtMoney, fmtNum, h, labelOf, notice, specChart, toast} from '../ui.js';

const SUGGESTIONS = [
  'How many orders did we receive this month?',
  'Show me pending orders this month',
  'Top 5 customers by revenue this year',
  'What is our win rate?',
  'Best selling products this quarter',
];

// One conversation per browser tab: the thread id keeps follow-up questions in context.
let threadId = sessionStorage.getItem('salesagent.thread') || null;
const history = [];

export async function render(container, ctx) {
  const messages = h('div', {class: 'messages', id: 'messages', 'aria-live': 'polite'});
  const input = h('textarea', {id: 'ask-input', rows: '1', placeholder: 'Ask about orders, pipeline, customers, products… or say "Create a sales order for …"'});
  const send = h('button', {type: 'submit', class: 'primary', id: 'ask-send'}, 'Ask');
  const charts = [];
  const form = h('form', {class: 'composer', id: 'ask-form'},
    h('label', {for: 'ask-input', class: 'sr-only'}, 'Your question'), input, mic(input), send);
  input.addEventListener('keydown', e => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
  const ask = async text => {
    const question = text.trim();
    if (!question) return;
    input.value = '';
    const q = h('div', {class: 'msg user'}, question);
    const a = h('div', {class: 'msg bot', 'aria-busy': 'true'}, h('p', {class: 'muted'}, 'Thinking…'));
    messages.append(q, a);
    history.push(q, a);
    send.disabled = true;
    try {
      const body = {query: question};
      if (threadId) body.threadId = threadId;
      const answer = await api('/api/v1/query/ask', {method: 'POST', body});
      if (answer.threadId) {
        threadId = answer.threadId;
        sessionStorage.setItem('salesagent.thread', threadId);
      }
      await renderAnswer(a, answer, question, ctx, charts);
    } catch (e) {
      clear(a, errorNotice(e, 'The AI assistant'));
    } finally {
      a.removeAttribute('aria-busy');
      send.disabled = false;
      a.scrollIntoView({block: 'start'});
    }
  };
  form.addEventListener('submit', e => {
    e.preventDefault();
    ask(input.value);
  });
  const suggestions = h('div', {class: 'suggestions', 'aria-label': 'Example questions', role: 'group'},
    SUGGESTIONS.map(s => h('button', {type: 'button', onclick: () => ask(s)}, s)));
  messages.append(...history);
  clear(container, h('div', {class: 'chat'},
    history.length ? null : h('p', {class: 'muted'}, 'Answers are computed from your CRM data; a model may only phrase them.'),
    suggestions, messages, form,
    h('div', {class: 'actions'}, h('button', {type: 'button', class: 'secondary', onclick: () => {
      threadId = null;
      sessionStorage.removeItem('salesagent.thread');
      history.length = 0;
      messages.replaceChildren();
      toast('New conversation started.');
    }}, 'New conversation'))));
  input.focus();
  return () => charts.forEach(c => c && c.destroy());
}

function mic(input) {
  const Recognition = window.SpeechRecognition || window.webkitSpeechRecognition;
  if (!Recognition) return null;
  const button = h('button', {type: 'button', class: 'secondary mic', 'aria-pressed': 'false',
    'aria-label': 'Speak your question', title: 'Speak your question'});
  button.innerHTML = '<svg viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" '
    + 'stroke-linecap="round"><rect x="9" y="3" width="6" height="11" rx="3"/><path d="M5 11a7 7 0 0 0 14 0M12 18v3"/></svg>';
  let recognition = null;
  button.addEventListener('click', () => {
    if (recognition) {
      recognition.stop();
      return;
    }
    recognition = new Recognition();
    recognition.lang = navigator.language || 'en-US';
    recognition.interimResults = true;
    recognition.onresult = e => {
      input.value = [...e.results].map(r => r[0].transcript).join('');
    };
    recognition.onerror = e => toast('Voice input stopped: ' + (e.error || 'not available'));
    recognition.onend = () => {
      recognition = null;
      button.setAttribute('aria-pressed', 'false');
    };
    button.setAttribute('aria-pressed', 'true');
    recognition.start();
  });
  return button;
}

async function renderAnswer(el, answer, question, ctx, charts) {
  const intents = answer.intents || (answer.intent ? [answer.intent] : []);
  const parts = [h('div', {class: 'answer', dataset: {answer: 'true'}}, answer.answer || '(no answer)')];
  if (answer.chart && answer.chart.type !== 'table' && (answer.chart.labels || []).length) {
    const c = specChart(answer.chart, answer.chart.title || 'Chart of the answer');
    charts.push(c.chart);
    parts.push(h('div', {class: 'answer-chart'}, c.figure));
  }
  const rows = rowsOf(answer.data);
  if (rows.length) {
    const keys = Object.keys(rows[0]).filter(k => typeof rows[0][k] !== 'object' || rows[0][k] === null).slice(0, 8);
    const money = k => /(_usd|revenue|total|amount|price|value)$/.test(k);
    const table = new DataTable({caption: 'Rows of the answer', rows, pageSize: 10,
      columns: keys.map(k => ({key: k, label: labelOf(k.replace(/_usd$/, '')) + (/_usd$/.test(k) ? ' (USD)' : ''),
        numeric: typeof rows[0][k] === 'number' || money(k),
        format: money(k) ? v => fmtMoney(v) : typeof rows[0][k] === 'number' ? v => fmtNum(v, 2) : undefined}))});
    table.render();
    parts.push(table.el);
  }
  parts.push(h('div', {class: 'meta'},
    intents.map(i => badge(i.replace(/_/g, ' '), 'intent')),
    (answer.agents || []).length ? h('span', {}, 'Agents: ' + answer.agents.join(', ')) : null,
    answer.method ? h('span', {}, 'Method: ', badge(answer.method, answer.method)) : null));
  clear(el, parts);
  const transaction = await transactionOf(answer, question, ctx);
  if (transaction) {
    el.append(draftForm(transaction, ctx));
  }
}

function rowsOf(data) {
  if (Array.isArray(data)) return data.filter(r => r && typeof r === 'object');
  if (data && typeof data === 'object') {
    const list = Object.values(data).find(v => Array.isArray(v) && v.length && typeof v[0] === 'object');
    return list || [];
  }
  return [];
}

async function transactionOf(answer, question, ctx) {
  const inline = answer.transaction || (answer.data && answer.data.transaction);
  if (inline && inline.id) return inline;
  const id = answer.transaction_id || (answer.data && answer.data.transaction_id);
  if (id) return api('/api/v1/transactions/' + encodeURIComponent(id));
  const intents = answer.intents || [answer.intent];
  if (intents.includes('create_transaction') && ctx.can('transactions:write')) {
    const body = {request: question};
    if (answer.asOf) body.as_of = answer.asOf;
    return api('/api/v1/transactions/create', {method: 'POST', body});
  }
  return null;
}

// The draft as a form: customer and lines editable, the server's validation issues listed, Save / Approve / Reject.
// States: draft -> approved -> submitted | failed, or rejected.
function draftForm(tx, ctx) {
  const box = h('div', {class: 'tx-draft', id: 'draft-' + tx.id, dataset: {transaction: tx.id}});
  const paint = current => {
    const d = current.draft || {};
    const status = current.status || 'draft';
    const editable = status === 'draft';
    const customer = h('input', {type: 'text', name: 'customer', value: d.customer || '', disabled: !editable});
    const lines = (d.lines || []).map(l => ({
      sku: l.sku,
      product: h('input', {type: 'text', value: l.product || l.sku || '', disabled: !editable, 'aria-label': 'Product'}),
      quantity: h('input', {type: 'number', min: '1', step: 'any', value: l.quantity ?? '', disabled: !editable,
        'aria-label': 'Quantity'}),
      price: h('input', {type: 'number', min: '0', step: '0.01', value: l.unit_price ?? '', disabled: !editable,
        'aria-label': 'Unit price'}),
      total: l.quantity !== null && l.quantity !== undefined && l.unit_price !== null && l.unit_price !== undefined
        ? Number(l.quantity) * Number(l.unit_price) : null,
    }));
    const total = lines.reduce((sum, l) => sum + (l.total || 0), 0);
    const problems = issuesOf(current.issues);
    const status$ = h('div', {'aria-live': 'assertive'});
    const body = () => ({customer: customer.value.trim(), lines: lines.map(l => ({
      product: l.product.value.trim(), sku: l.product.value.trim() === (l.sku || '') ? l.sku : null,
      quantity: l.quantity.value === '' ? null : Number(l.quantity.value),
      unit_price: l.price.value === '' ? null : Number(l.price.value)}))});
    const act = async (label, call) => {
      clear(status$);
      try {
        const next = await call();
        toast(label);
        paint(next && next.id ? next : await api('/api/v1/transactions/' + tx.id));
      } catch (err) {
        if (err.problem && Array.isArray(err.problem.issues)) {
          clear(status$, notice('error', err.message, issuesOf(err.problem.issues)));
        } else {
          clear(status$, errorNotice(err));
        }
      }
    };
    const valid = current.valid !== false && !problems.length;
    clear(box,
      h('h3', {}, 'Sales order draft ', badge(status)),
      status === 'submitted' ? notice('ok', 'Submitted to the CRM as order ' + current.order_id + '.') : null,
      status === 'rejected' ? notice('info', 'Rejected' + (current.reason ? ': ' + current.reason : '') + '. Nothing reached the CRM.') : null,
      status === 'failed' ? notice('error', 'The CRM did not accept the order' + (current.reason ? ': ' + current.reason : '') + '.') : null,
      editable && problems.length ? notice('error', 'Fix these before approving:', problems) : null,
      editable && valid ? notice('ok', 'The draft passed every check: customer, catalogue, price range, inventory and credit.') : null,
      field('Customer', customer),
      h('div', {class: 'table-scroll'}, h('table', {}, h('caption', {class: 'sr-only'}, 'Order lines'),
        h('thead', {}, h('tr', {}, ['Product', 'Quantity', 'Unit price (USD)', 'Line total'].map((l, i) =>
          h('th', {scope: 'col', class: i ? 'num' : ''}, l)))),
        h('tbody', {}, lines.map(l => h('tr', {}, h('td', {}, l.product), h('td', {class: 'num'}, l.quantity),
          h('td', {class: 'num'}, l.price), h('td', {class: 'num'}, l.total === null ? '—' : fmtMoney(l.total))))))),
      h('p', {}, h('strong', {}, 'Total: ' + fmtMoney(total))),
      status$,
      editable ? h('div', {class: 'actions'},
        h('button', {type: 'button', class: 'secondary', onclick: () => act('Draft saved and checked again.',
          () => api('/api/v1/transactions/' + tx.id, {method: 'PATCH', body: body()}))}, 'Save and check'),
        ctx.can('transactions:approve') ? h('button', {type: 'button', class: 'primary', id: 'approve-' + tx.id,
          disabled: !valid, onclick: () => act('Order approved and submitted.',
            () => api('/api/v1/transactions/' + tx.id + '/approve', {method: 'POST'}))}, 'Approve') : null,
        h('button', {type: 'button', class: 'danger', onclick: () => act('Draft rejected.',
          () => api('/api/v1/transactions/' + tx.id + '/reject', {method: 'POST', body: {reason: 'rejected in the dashboard'}}))},
        'Reject')) : null);
  };
  paint(tx);
  return box;
}

function issuesOf(list) {
  return (Array.isArray(list) ? list : []).map(v => typeof v === 'string' ? v
    : (v.field ? labelOf(v.field) + ': ' : '') + (v.message || v.code || JSON.stringify(v)));
}
