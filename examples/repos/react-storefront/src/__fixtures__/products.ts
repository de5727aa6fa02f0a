import type { Product } from '../types';

// Sample catalogue used when VITE_USE_FIXTURES=true.
export const products: Product[] = [
  {
    id: 'p-100',
    slug: 'trail-mug',
    name: 'Trail mug',
    description:
      'Enamel mug, 350 ml, survives campfires and dishwashers alike.',
    priceCents: 1400,
    imageUrl: 'https://images.fernhill.example/trail-mug.jpg',
    inStock: true,
  },
  {
    id: 'p-102',
    slug: 'camp-stove',
    name: 'Camp stove',
    description: 'Folding gas stove with wind shield and piezo ignition.',
    priceCents: 5900,
    imageUrl: 'https://images.fernhill.example/camp-stove.jpg',
    inStock: true,
  },
  {
    id: 'p-105',
    slug: 'water-filter',
    name: 'Water filter',
    description: 'Squeeze filter, 0.1 micron, 1 litre pouch included.',
    priceCents: 3200,
    imageUrl: 'https://images.fernhill.example/water-filter.jpg',
    inStock: false,
  },
];
