// Helpers shared by the per-product resource tables.

export const yesNo = (v) => (v === undefined ? '' : v ? 'Yes' : 'No');
export const names = (refs) => (refs ?? []).map((r) => r?.name ?? '').filter(Boolean).join(', ');
export const when = (epochSeconds) => {
  const n = Number(epochSeconds);
  return n > 0 ? new Date(n * 1000).toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : '';
};

/** A time sent as epoch seconds in a string (ZCC) or as ISO 8601 text
 *  (ZWA), shown as `when`; anything else is shown as sent. */
export const whenText = (v) => {
  const text = String(v ?? '');
  if (/^\d{9,}$/.test(text)) return when(text);
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(text) : NaN;
  return Number.isFinite(ms) ? when(ms / 1000) : text;
};

/** Drop undefined entries: the client rejects unknown or misspelt args,
 * and an empty search should not be sent at all. */
export function args(obj) {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined && v !== ''));
}

/** Walk numbered pages of a plain-array API until a short page. */
export async function* pagesOf(fetchPage, pageSize) {
  for (let page = 1; ; page += 1) {
    const items = await fetchPage(page, pageSize);
    yield* items;
    if (items.length < pageSize) return;
  }
}

/** Walk offset/limit pages (ZIdentity) until the reported total. */
export async function* offsetsOf(fetchPage, limit) {
  for (let offset = 0; ; offset += limit) {
    const { records = [], results_total: total } = await fetchPage(offset, limit);
    yield* records;
    if (records.length < limit || (total !== undefined && offset + records.length >= total)) return;
  }
}
