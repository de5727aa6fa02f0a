import { useEffect, useState } from 'react';
import { listProducts } from '../api/client';
import ProductCard from '../components/ProductCard';
import type { Product } from '../types';

export default function Home() {
  const [query, setQuery] = useState('');
  const [products, setProducts] = useState<Product[]>([]);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    const handle = setTimeout(() => {
      setLoading(true);
      listProducts(query)
        .then(setProducts)
        .finally(() => setLoading(false));
    }, 250);
    return () => clearTimeout(handle);
  }, [query]);

  return (
    <section>
      <input
        type="search"
        placeholder="Search gear"
        value={query}
        onChange={e => setQuery(e.target.value)}
        aria-label="Search products"
      />
      {loading ? (
        <p>Loading…</p>
      ) : (
        <div className="grid">
          {products.map(p => (
            <ProductCard key={p.id} product={p} />
          ))}
        </div>
      )}
    </section>
  );
}
