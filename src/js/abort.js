// Resolves when `signal` aborts; `off` removes the listener once the call
// has ended, so a signal shared by many calls does not collect listeners.
export function whenAborted(signal) {
  let off;
  const promise = new Promise((resolve) => {
    const on = () => resolve();
    signal.addEventListener('abort', on, { once: true });
    off = () => signal.removeEventListener('abort', on);
  });
  return { promise, off };
}
