// What follows any successful write.
import { refreshActivation } from '../activation.js';
import { isStaged } from '../products.js';

export function afterWrite(resource) {
  // A staging product holds the change; the banner must now offer activation.
  if (isStaged(resource.product)) refreshActivation(resource.product);
}
