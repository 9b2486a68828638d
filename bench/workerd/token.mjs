// The OneAPI token request the hand-written P3 workers send (raw.mjs and
// minimal.mjs), so both ask for the same token in the same way.
export const tokenForm = () => new URLSearchParams({
  grant_type: 'client_credentials',
  client_id: 'emulator-client',
  client_secret: 'emulator-secret',
  audience: 'https://api.zscaler.com',
});
