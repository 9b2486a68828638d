// The demo page: list ZPA application segments through the wasm client.
// Every API string goes into the page through textContent, never as HTML,
// because tenants hold names like `"/><img src=x onerror=alert(1)>`.
import init, { ZscalerClient } from '/pkg/zscaler_wasm.js';

const PAGE_SIZE = 20;
const $ = (id) => document.getElementById(id);
let client;
let page = 1;
let query = '';

function cell(text) {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
}

function render(result) {
  const body = $('segments').querySelector('tbody');
  body.replaceChildren(
    ...(result.list ?? []).map((seg) => {
      const tr = document.createElement('tr');
      tr.append(
        cell(seg.name ?? ''),
        cell((seg.domainNames ?? []).join(', ')),
        cell(seg.segmentGroupName ?? ''),
        cell(seg.enabled ? 'yes' : 'no'),
      );
      return tr;
    }),
  );
  const pages = Number(result.totalPages ?? 0);
  $('segments').hidden = pages === 0;
  $('status').textContent = pages === 0 ? 'No application segments match.' : `${result.totalCount} segments`;
  $('status').className = '';
  $('pageinfo').textContent = pages ? `Page ${page} of ${pages}` : '';
  $('prev').disabled = page <= 1;
  $('next').disabled = page >= pages;
}

async function load() {
  $('status').textContent = 'Loading…';
  try {
    const search = query ? `name LIKE ${query}` : undefined;
    render(await client.zpa.listApplicationSegments({ page, pagesize: PAGE_SIZE, search }));
  } catch (err) {
    $('status').textContent = `${err.name}: ${err.message}`;
    $('status').className = 'error';
  }
}

async function main() {
  await init();
  const config = await (await fetch('./config.json')).json();
  client = new ZscalerClient(config);
  query = new URLSearchParams(location.search).get('q') ?? '';
  $('q').value = query;
  $('search').addEventListener('submit', (e) => {
    e.preventDefault();
    query = $('q').value.trim();
    page = 1;
    load();
  });
  $('prev').addEventListener('click', () => { page -= 1; load(); });
  $('next').addEventListener('click', () => { page += 1; load(); });
  await load();
}

main().catch((err) => {
  $('status').textContent = `Could not start: ${err.message}`;
  $('status').className = 'error';
});
