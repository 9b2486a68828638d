// Helpers shared by the per-product resource tables.

export const yesNo = (v) => (v === undefined ? '' : v ? 'Yes' : 'No');
export const names = (refs) => (refs ?? []).map((r) => r?.name ?? '').filter(Boolean).join(', ');
export const when = (epochSeconds) => {
  const n = Number(epochSeconds);
  return n > 0 ? new Date(n * 1000).toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : '';
};

/** A time that may come as epoch seconds in a string (ZCC) or as text
 *  (ISO, ZWA): epoch seconds are shown as `when`, other text as sent. */
export const whenText = (v) => (/^\d{9,}$/.test(String(v ?? '')) ? when(v) : String(v ?? ''));

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
