// What follows any successful write.
import { refreshActivation } from '../activation.js';

export function afterWrite(resource) {
  // ZIA stages the change; the banner must now offer activation.
  if (resource.product === 'zia') refreshActivation();
}
