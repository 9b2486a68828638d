// P3 baseline worker: the same token and page with bare fetch + JSON.parse.
import { tokenForm } from './token.mjs';

export default {
  async fetch(request, env) {
    const base = env.EMULATOR_URL;
    const tok = await (await fetch(`${base}/oauth2/v1/token`, { method: 'POST', body: tokenForm() })).json();
    const res = await fetch(
      // bench/lib.mjs segmentsUrl(): the path comes from the registry.
      `${env.SEGMENTS_URL}?page=1&pagesize=20`,
      { headers: { authorization: `Bearer ${tok.access_token}` } },
    );
    const page = JSON.parse(await res.text());
    return Response.json({ count: page.list.length });
  },
};
