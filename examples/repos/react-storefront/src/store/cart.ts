import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { Product } from '../types';

export interface CartLine {
  product: Product;
  quantity: number;
}

interface CartState {
  lines: CartLine[];
  add: (product: Product) => void;
  setQuantity: (productId: string, quantity: number) => void;
  clear: () => void;
}

export const useCart = create<CartState>()(
  persist(
    set => ({
      lines: [],
      add: product =>
        set(state => {
          const existing = state.lines.find(l => l.product.id === product.id);
          if (existing) {
            return {
              lines: state.lines.map(l =>
                l.product.id === product.id
                  ? { ...l, quantity: l.quantity + 1 }
                  : l,
              ),
            };
          }
          return { lines: [...state.lines, { product, quantity: 1 }] };
        }),
      setQuantity: (productId, quantity) =>
        set(state => ({
          lines: state.lines
            .map(l => (l.product.id === productId ? { ...l, quantity } : l))
            .filter(l => l.quantity > 0),
        })),
      clear: () => set({ lines: [] }),
    }),
    { name: 'storefront-cart' },
  ),
);

export function cartTotalCents(lines: CartLine[]): number {
  return lines.reduce((sum, l) => sum + l.product.priceCents * l.quantity, 0);
}
