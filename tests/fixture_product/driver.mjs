// The JS half of the fixture-product test: the wasm package built from a
// scratch copy whose registry alone names the product, in Node, against
// the emulator the Rust half started (EMULATOR_URL).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { initSync, ZscalerClient } from './pkg/zscaler_wasm.js';

initSync({ module: readFileSync(new URL('./pkg/zscaler_wasm_bg.wasm', import.meta.url)) });
const base = process.env.EMULATOR_URL;
const client = new ZscalerClient({
  clientId: 'emulator-client',
  clientSecret: 'emulator-secret',
  baseUrl: base,
  tokenUrl: `${base}/oauth2/v1/token`,
  pacing: false,
});
const api = client.fixture;
const created = await api.createWidget({ body: { name: 'from-js', size: 9 } });
assert.match(created.id, /^\d+$/, 'numeric-string ids, as the registry says');
const page = await api.listWidgets({ page: 1, pagesize: 500 });
assert.ok(page.list.some((w) => w.id === created.id));
const all = await api.listAllWidgets({ pagesize: 5 });
assert.equal(all.length, Number(page.totalCount));
await assert.rejects(api.createWidget({ body: { size: 1 } }), /name/, 'the required field is checked');
await assert.rejects(api.getWidget({ widgetId: created.id, extra: 1 }), { name: 'InvalidArgumentError' });
await api.deleteWidget({ widgetId: created.id });
await assert.rejects(api.getWidget({ widgetId: created.id }), { status: 404, code: 'NOT_FOUND', productCode: 'NO_SUCH_WIDGET' });
console.log('js: fixture product served and typed');
