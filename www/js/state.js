// What the views share: the signed-in session and its client.
export const app = {
  session: null,
  client: null,
  get readOnly() {
    return Boolean(this.session?.readOnly);
  },
};
