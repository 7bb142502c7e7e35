/** One thing the shop sells. Prices are in cents. */
export interface Product {
  id: string;
  name: string;
  price: number;
}

/** The whole catalogue: fixed, so the server can validate product IDs without a table. */
export const products: readonly Product[] = [
  { id: "socks", name: "Wool socks", price: 1200 },
  { id: "mug", name: "Enamel mug", price: 1800 },
  { id: "notebook", name: "Dot-grid notebook", price: 950 },
  { id: "tote", name: "Canvas tote", price: 2200 },
];

/** The product with this ID, if the shop sells it. */
export const findProduct = (id: unknown): Product | undefined => products.find((product) => product.id == id);

/** A cart line as the API returns it. */
export interface CartItem {
  productId: string;
  name: string;
  price: number;
  quantity: number;
}

/** What every cart endpoint answers: who is logged in on this session, and its cart. Never an ID. */
export interface Cart {
  user: string | null;
  items: CartItem[];
}

/** Formats cents as a price. */
export const formatPrice = (cents: number): string => `$${(cents / 100).toFixed(2)}`;
