import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { getProduct } from '../api/client';
import { useCart } from '../store/cart';
import { formatPrice, type Product } from '../types';

export default function ProductPage() {
  const { slug = '' } = useParams();
  const [product, setProduct] = useState<Product | null>(null);
  const add = useCart(s => s.add);

  useEffect(() => {
    getProduct(slug).then(setProduct);
  }, [slug]);

  if (!product) {
    return <p>Loading…</p>;
  }

  return (
    <article className="product">
      <img src={product.imageUrl} alt={product.name} width={640} height={480} />
      <div>
        <h1>{product.name}</h1>
        <p>{product.description}</p>
        <p className="price">{formatPrice(product.priceCents)}</p>
        <button
          type="button"
          disabled={!product.inStock}
          onClick={() => add(product)}
        >
          Add to cart
        </button>
      </div>
    </article>
  );
}
