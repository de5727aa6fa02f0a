import { Link } from 'react-router-dom';
import { useCart } from '../store/cart';
import { formatPrice, type Product } from '../types';

export default function ProductCard({ product }: { product: Product }) {
  const add = useCart(s => s.add);

  return (
    <article className="card">
      <Link to={`/products/${product.slug}`}>
        <img
          src={product.imageUrl}
          alt={product.name}
          loading="lazy"
          width={320}
          height={240}
        />
        <h3>{product.name}</h3>
      </Link>
      <p className="price">{formatPrice(product.priceCents)}</p>
      <button
        type="button"
        disabled={!product.inStock}
        onClick={() => add(product)}
      >
        {product.inStock ? 'Add to cart' : 'Out of stock'}
      </button>
    </article>
  );
}
