// P3 floor worker: answers at once, fetching nothing. With the ZPA wasm
// beside it as an unused data module ("bytes"), it shows what the module's
// bytes alone cost a workerd start, before V8 compiles any of them.
export default {
  async fetch() {
    return Response.json({ phase: 'empty' });
  },
};
