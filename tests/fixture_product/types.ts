// The TypeScript half: the fixture product's declarations type-check a
// correct call and reject a wrong one (tsc --strict --noEmit).
import { ZscalerClient, type Fixture } from './pkg/zscaler_wasm.js';

export async function use(client: ZscalerClient): Promise<string> {
  const page: Fixture.WidgetPage = await client.fixture.listWidgets({ page: 1 });
  const one: Fixture.Widget = await client.fixture.getWidget({ widgetId: '1' });
  // @ts-expect-error widgetId is required
  await client.fixture.getWidget({});
  return `${page.totalCount ?? 0}${one.name}`;
}
