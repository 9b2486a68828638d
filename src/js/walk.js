// Paged lists as async iterables. Items are handed out here, in JS: a call
// into wasm per item cost more than fetching and checking the whole page.
// `nextPage` resolves to the next page's array of items, or to undefined
// after the last; `close` drops the walk in wasm and aborts a request in
// flight, and runs however the loop ends (done, break, or an error).
export async function* walk(nextPage, close) {
  try {
    for (;;) {
      let page = await nextPage();
      if (page === undefined) return;
      const n = page.length;
      for (let i = 0; i < n; i++) {
        const item = page[i];
        // Let the page go before its last item is handed out, so it is
        // not held while the caller works and the next page arrives.
        if (i === n - 1) page = undefined;
        yield item;
      }
    }
  } finally {
    close();
  }
}
