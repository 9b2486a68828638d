// The product registry (products.json at the repository root), the one
// place products are described. Imported as a JSON module: workerd
// (make-config.mjs embeds it) and wrangler's bundler both take a plain
// import; workerd refuses import attributes, so there are none.
import registry from '../../products.json';

export const PRODUCTS = registry.products;

/** What the console needs at /products.json: each product's route name,
 *  title and staging. Nothing else of the registry is served. */
export const CONSOLE_PRODUCTS = {
  products: PRODUCTS.map((p) => ({ name: p.name, title: p.title, staging: p.staging ?? null })),
};
