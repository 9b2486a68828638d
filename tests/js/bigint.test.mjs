// Integers beyond Number.MAX_SAFE_INTEGER: JSON.parse would round them
// without a word (a ZPA SCIM group's `idpId` is an 18-digit JSON number), so
// the client hands them over as BigInts, and takes BigInts in arguments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ZscalerClient, emulatorOptions, resetEmulator } from './harness.mjs';
import { member, recordedDir } from '../support/recorded.mjs';

/** The Okta IdP of the demo tenant, whose id the SCIM groups carry as a number. */
async function okta(client) {
  const { list } = await client.zpa.listIdps({});
  return list.find((i) => i.name === 'Okta Workforce');
}

test('SCIM groups keep their 18-digit idpId exactly, on every read path', async () => {
  const client = new ZscalerClient(emulatorOptions());
  const idp = await okta(client);
  const want = BigInt(idp.id);
  assert.ok(want > BigInt(Number.MAX_SAFE_INTEGER), 'the seed id must be beyond the safe range');
  assert.notEqual(BigInt(Number(idp.id)), want, 'a JS number would round it');

  const page = await client.zpa.listScimGroups({ idpId: idp.id });
  assert.ok(page.list.length > 0);
  for (const g of page.list) {
    assert.equal(g.idpId, want);
    assert.equal(typeof g.id, 'number', 'safe integers stay numbers');
  }
  const all = await client.zpa.listAllScimGroups({ idpId: idp.id, pagesize: 5 });
  assert.deepEqual(all.map((g) => g.idpId), page.list.map(() => want));
  const walked = [];
  for await (const g of client.zpa.iterScimGroups({ idpId: idp.id, pagesize: 5 })) walked.push(g.idpId);
  assert.deepEqual(walked, all.map(() => want));

  // Unchecked answers and the escape hatch have no scan: they search the text.
  const unchecked = new ZscalerClient(emulatorOptions({ checkResponses: false }));
  assert.equal((await unchecked.zpa.listScimGroups({ idpId: idp.id })).list[0].idpId, want);
  const path = `GET /zpa/userconfig/v1/customers/${emulatorOptions().customerId}/scimgroup/idpId/${idp.id}`;
  assert.equal((await client.request(path)).list[0].idpId, want);
});

test('a recorded ZIA answer keeps zpaTenantId exactly', async () => {
  // The recorded bytes, not a re-encoding: JSON.parse here would round them.
  const line = readFileSync(`${recordedDir}/zia.jsonl`, 'utf8').split('\n')
    .find((l) => l.includes('"cassette":"TestOrganizationInformation.yaml"') && l.includes('"url_path":"/zia/api/v1/orgInformation"'));
  assert.ok(line, 'the recorded orgInformation answer');
  const text = member(line, 'response_body');
  const digits = /"zpaTenantId":(\d+)/.exec(text)[1];
  assert.ok(BigInt(digits) > BigInt(Number.MAX_SAFE_INTEGER));
  const fetch = async (url) => (String(url).includes('/oauth2/')
    ? Response.json({ access_token: 't', token_type: 'Bearer', expires_in: 3600 })
    : new Response(text, { headers: { 'content-type': 'application/json' } }));
  const client = new ZscalerClient({
    clientId: 'c', clientSecret: 's', baseUrl: 'http://api.test', tokenUrl: 'http://login.test/oauth2/v1/token', fetch, pacing: false,
  });
  const org = await client.zia.getOrgInformation();
  assert.equal(org.zpaTenantId, BigInt(digits));
  assert.equal(org.orgId, JSON.parse(text).orgId, 'other numbers are untouched');
});

test('a walk whose server repeats a page holding a BigInt still stops with an error', async () => {
  // The walk compares each page's first item with the last page's; the
  // comparison must not give up on items JSON.stringify cannot print.
  let pages = 0;
  const fetch = async (url) => {
    if (String(url).includes('/oauth2/')) return Response.json({ access_token: 't', token_type: 'Bearer', expires_in: 3600 });
    // A server that ignores `page`; it gives up after 50 so a walk that
    // misses the repeat ends (and fails the test) instead of hanging it.
    pages += 1;
    const body = pages > 50 ? '[]' : '[{"id": 216196257331404659, "name": "a"}, {"id": 2, "name": "b"}]';
    return new Response(body, { headers: { 'content-type': 'application/json' } });
  };
  const client = new ZscalerClient({
    clientId: 'c', clientSecret: 's', baseUrl: 'http://api.test', tokenUrl: 'http://login.test/oauth2/v1/token', fetch, pacing: false,
  });
  await assert.rejects(client.zia.listAllUsers({ pageSize: 2 }), { name: 'DecodeError', message: /page before it again/ });
  assert.ok(pages <= 3, `stopped after ${pages} pages`);
});

test('BigInt arguments are sent as exact integers', async () => {
  const client = new ZscalerClient(emulatorOptions());
  try {
    const big = 216196257331404659n;
    const made = await client.zia.createRuleLabel({ body: { name: 'bigint label', referencedRuleCount: big } });
    assert.equal(made.referencedRuleCount, big);
    const raw = await client.request('POST /zia/api/v1/ruleLabels', { body: { name: 'bigint label 2', referencedRuleCount: -big } });
    assert.equal(raw.referencedRuleCount, -big);
    // The ends of the 64-bit range.
    for (const edge of [2n ** 64n - 1n, -(2n ** 63n)]) {
      const made2 = await client.zia.createRuleLabel({ body: { name: `edge ${edge}`, referencedRuleCount: edge } });
      assert.equal(made2.referencedRuleCount, edge);
    }
    // Small BigInts are plain integers on the wire, and plain numbers back.
    const small = await client.zia.createRuleLabel({ body: { name: 'bigint label 3', referencedRuleCount: 7n } });
    assert.equal(small.referencedRuleCount, 7);
  } finally {
    await resetEmulator();
  }
});

test('arguments JSON cannot carry are refused, with what is wrong', async () => {
  const client = new ZscalerClient(emulatorOptions());
  await assert.rejects(client.zia.createRuleLabel({ body: { name: 'x', referencedRuleCount: 2n ** 64n } }),
    { name: 'InvalidArgumentError', message: /BigInt 18446744073709551616 does not fit in 64 bits/ });
  await assert.rejects(client.zia.createRuleLabel({ body: { name: 'x', referencedRuleCount: -(2n ** 63n) - 1n } }),
    { name: 'InvalidArgumentError', message: /does not fit in 64 bits/ });
  // A string or key that could pass for a marked BigInt is refused, not taken for one.
  for (const body of [{ name: '\u0000bigint:5' }, { name: 'a "\u0000bigint:5"' }, { ['\u0000bigint:5']: 1 }]) {
    await assert.rejects(client.zia.createRuleLabel({ body }), { name: 'InvalidArgumentError', message: /marks a BigInt/ });
  }
  const cycle = {};
  cycle.self = cycle;
  await assert.rejects(client.zia.createRuleLabel({ body: cycle }),
    { name: 'InvalidArgumentError', message: /cannot be encoded as JSON: .*circular/i });
  // Options go the same way: a BigInt option is an integer.
  assert.ok(new ZscalerClient(emulatorOptions({ timeoutMs: 5000n })));
});
