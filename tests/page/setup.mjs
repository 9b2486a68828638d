// The set-up the page test files share, as node:test hooks: the stack
// (tests/page/stack.mjs) with a freshly reset emulator, one browser, and
// unless `tab: false` one tab signed in at `route`, its list loaded unless
// `list: false`; then `ready(ctx)`, the file's own set-up, if given (in the
// same hook, so it always runs after the rest). `env` adds worker bindings
// (READ_ONLY). Returns the object the hooks fill in ({ stack, browser, tab }).
import { after, before } from 'node:test';
import { control, startStack } from './stack.mjs';
import { launch, listReady, openPage, signIn } from './browser.mjs';

export function useConsole({ reset = true, tab = true, route, list = true, ready, env } = {}) {
  const ctx = { stack: null, browser: null, tab: null };
  before(async () => {
    ctx.stack = await startStack({ env });
    if (reset) await control(ctx.stack.emulator, 'reset');
    ctx.browser = await launch();
    if (tab) {
      ctx.tab = await openPage(ctx.browser);
      await signIn(ctx.tab.page, ctx.stack.base, route);
      if (list) await listReady(ctx.tab.page);
    }
    await ready?.(ctx);
  });
  after(async () => {
    await ctx.browser?.close();
    ctx.stack?.stop();
  });
  return ctx;
}
