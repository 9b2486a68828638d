// The product registry (products.json) for the JS harnesses and bench/:
// which products exist and their gateway prefixes, so a harness that
// routes by product needs no edit when a product is added.
import { readFileSync } from 'node:fs';
import { root } from './emulator.mjs';

export const registry = JSON.parse(readFileSync(`${root}products.json`, 'utf8'));

/** A product's gateway prefix (`/zpa`), by its registry name. */
export function gateway(name) {
  const product = registry.products.find((p) => p.name === name);
  if (!product) throw new Error(`no product ${name} in products.json`);
  return product.gateway;
}
