// ZIA stages every write: the banner shows the pending status and
// activates; read-only maintenance and the edit lock are explained.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { control, emulatorGet } from './stack.mjs';
import { shot } from './browser.mjs';
import { useConsole } from './setup.mjs';

let engineering;
const ctx = useConsole({
  route: '#/zia/departments',
  ready: async ({ stack }) => {
    engineering = (await emulatorGet(stack.emulator, '/zia/api/v1/departments')).body.find((d) => d.name === 'Engineering');
  },
});

const ziaStatus = async () => (await emulatorGet(ctx.stack.emulator, '/zia/api/v1/status')).body.status;

async function editComments(page, text) {
  await page.goto(`${ctx.stack.base}/#/zia/departments/${engineering.id}/edit`);
  await page.waitForSelector('#field-comments');
  await page.fill('#field-comments', text);
  await page.click('button:has-text("Save changes")');
}

test('a saved change shows the activation banner until Activate', async () => {
  const { page } = ctx.tab;
  assert.equal(await page.isHidden('#activation'), true, 'nothing staged at first');
  await editComments(page, 'Staged by the page test');
  await page.waitForSelector('#activation:not([hidden])');
  assert.equal(await page.textContent('#activation-status'), 'PENDING');
  assert.equal(await ziaStatus(), 'PENDING');
  assert.match(await page.textContent('dl.fields'), /Staged by the page test/);
  await shot(page, 'zia-activation-banner-desktop');
  await page.click('#activate');
  await page.waitForSelector('#activation', { state: 'hidden' });
  assert.match(await page.textContent('#notice'), /ZIA changes are now active/);
  assert.equal(await ziaStatus(), 'ACTIVE');
});

test('read-only maintenance is explained and the input stays', async () => {
  const { page } = ctx.tab;
  await control(ctx.stack.emulator, 'read-only', { enabled: true });
  try {
    await editComments(page, 'Written during maintenance');
    await page.waitForFunction(() => /Not saved/.test(document.querySelector('#form-message').textContent));
    assert.match(await page.textContent('#form-message'), /read-only maintenance mode/);
    assert.equal(await page.inputValue('#field-comments'), 'Written during maintenance');
  } finally {
    await control(ctx.stack.emulator, 'read-only', { enabled: false });
  }
});

test('a held edit lock is explained', async () => {
  const { page } = ctx.tab;
  await control(ctx.stack.emulator, 'edit-lock', { held: true });
  try {
    await editComments(page, 'Written while locked');
    await page.waitForFunction(() => /Not saved/.test(document.querySelector('#form-message').textContent));
    assert.match(await page.textContent('#form-message'), /holds the ZIA edit lock/);
  } finally {
    await control(ctx.stack.emulator, 'edit-lock', { held: false });
  }
  await page.click('button:has-text("Save changes")');
  await page.waitForFunction(() => !location.hash.endsWith('/edit'));
  await page.waitForSelector('#activation:not([hidden])');
});
