// Create, edit and delete an application segment through the forms, with
// validation, a failed save that keeps the input, and a named confirmation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { control, emulatorGet, ZPA } from './stack.mjs';
import { listReady, shot } from './browser.mjs';
import { useConsole } from './setup.mjs';

const ctx = useConsole();

const fieldError = (page, key) => page.textContent(`#field-${key}-error`);

async function findSegment(name) {
  const { body } = await emulatorGet(ctx.stack.emulator, `${ZPA}/application?search=${encodeURIComponent(`name EQ ${name}`)}`);
  return body.list?.[0];
}

test('create validates in words, then creates the segment', async () => {
  const { page } = ctx.tab;
  await page.click('a:has-text("New application segment")');
  await page.waitForSelector('form.form');
  await page.click('button:has-text("Create application segment")');
  assert.match(await page.textContent('#form-message'), /Check the 4 fields marked below/);
  assert.equal(await fieldError(page, 'name'), 'Name is required.');
  assert.equal(await fieldError(page, 'segmentGroupId'), 'Segment group is required.');
  assert.equal(await page.getAttribute('#field-name', 'aria-invalid'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'field-name', 'focus moves to the first problem');

  await page.fill('#field-name', 'Page Test App');
  await page.fill('#field-domainNames', 'pagetest.example.com, not a domain!');
  await page.selectOption('#field-segmentGroupId', { label: 'Finance' });
  await page.fill('#field-tcp', '443, 9000-8000');
  await page.click('button:has-text("Create application segment")');
  assert.equal(await fieldError(page, 'domainNames'), '“not a domain!” is not a domain name. Use letters, digits, dots and hyphens.');
  assert.match(await fieldError(page, 'tcp'), /“9000-8000” is not a port/);
  await shot(page, 'segment-form-errors-desktop');

  await page.fill('#field-domainNames', 'pagetest.example.com, *.pt.example.com');
  await page.fill('#field-tcp', '443, 8000-8080');
  await page.click('button:has-text("Create application segment")');
  await page.waitForFunction(() => document.querySelector('main h1')?.textContent.includes('Page Test App') && !location.hash.endsWith('/new'));
  assert.match(await page.textContent('#notice'), /Saved the application segment “Page Test App”/);
  const created = await findSegment('Page Test App');
  assert.deepEqual(created.domainNames, ['pagetest.example.com', '*.pt.example.com']);
  assert.deepEqual(created.tcpPortRange, [{ from: '443', to: '443' }, { from: '8000', to: '8080' }]);
  assert.equal(created.segmentGroupName, 'Finance');
});

test('edit sends only the change, keeps unseen fields, and a failed save keeps the input', async () => {
  const { page } = ctx.tab;
  const before = await findSegment('Jira');
  assert.ok(before.serverGroups.length > 0, 'the seed gives Jira server groups');
  await page.goto(`${ctx.stack.base}/#/zpa/segments/${before.id}/edit`);
  await page.waitForSelector('#field-description');
  await page.fill('#field-description', 'Edited by the page test');
  await page.fill('#field-tcp', '443, 8443');
  await control(ctx.stack.emulator, 'faults', { method: 'PUT', path_prefix: `${ZPA}/application`, status: 500,
    body: { id: 'internal.error', reason: 'Injected by the test' }, count: 1 });
  await page.click('button:has-text("Save changes")');
  await page.waitForFunction(() => /Not saved/.test(document.querySelector('#form-message').textContent));
  assert.match(await page.textContent('#form-message'), /Your input is still here/);
  assert.equal(await page.inputValue('#field-description'), 'Edited by the page test');
  assert.equal(await page.inputValue('#field-tcp'), '443, 8443');

  await page.click('button:has-text("Save changes")');
  await page.waitForFunction(() => !location.hash.endsWith('/edit'));
  await page.waitForSelector('dl.fields');
  assert.match(await page.textContent('dl.fields'), /Edited by the page test/);
  const after = await findSegment('Jira');
  assert.equal(after.description, 'Edited by the page test');
  assert.deepEqual(after.tcpPortRange, [{ from: '443', to: '443' }, { from: '8443', to: '8443' }]);
  assert.deepEqual(after.serverGroups.map((g) => g.id), before.serverGroups.map((g) => g.id), 'server groups survive');
  assert.deepEqual(after.domainNames, before.domainNames);
});

test('delete asks first, naming the segment, and Cancel keeps it', async () => {
  const { page } = ctx.tab;
  const seg = await findSegment('Page Test App');
  await page.goto(`${ctx.stack.base}/#/zpa/segments/${seg.id}`);
  await page.waitForSelector('button.danger:has-text("Delete")');
  await page.click('button.danger:has-text("Delete")');
  await page.waitForSelector('#confirm[open]');
  assert.equal(await page.textContent('#confirm-text'), 'Delete the application segment “Page Test App”? This cannot be undone.');
  await page.keyboard.press('Enter'); // focus starts on Cancel
  await page.waitForFunction(() => !document.querySelector('#confirm').open);
  assert.ok(await findSegment('Page Test App'), 'still there after Cancel');

  await page.click('button.danger:has-text("Delete")');
  await page.click('#confirm-ok');
  await page.waitForFunction(() => /^#\/zpa\/segments$/.test(location.hash));
  await listReady(page);
  assert.match(await page.textContent('#notice'), /Deleted the application segment “Page Test App”/);
  assert.equal(await findSegment('Page Test App'), undefined);
  assert.equal((await emulatorGet(ctx.stack.emulator, `${ZPA}/application/${seg.id}`)).status, 404);
});
