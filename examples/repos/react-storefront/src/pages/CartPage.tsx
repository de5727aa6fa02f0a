import { cartTotalCents, useCart } from '../store/cart';
import { formatPrice } from '../types';

export default function CartPage() {
  const { lines, setQuantity } = useCart();

  if (lines.length === 0) {
    return <p>Your cart is empty.</p>;
  }

  const checkout = () => {
    const cart = lines.map(l => `${l.product.id}:${l.quantity}`).join(',');
    window.location.assign(
      `${import.meta.env.VITE_CHECKOUT_URL}?cart=${encodeURIComponent(cart)}`,
    );
  };

  return (
    <section>
      <h1>Cart</h1>
      <ul className="cart">
        {lines.map(l => (
          <li key={l.product.id}>
            <span>{l.product.name}</span>
            <input
              type="number"
              min={0}
              value={l.quantity}
              onChange={e => setQuantity(l.product.id, Number(e.target.value))}
              aria-label={`Quantity of ${l.product.name}`}
            />
            <span>{formatPrice(l.product.priceCents * l.quantity)}</span>
          </li>
        ))}
      </ul>
      <p className="total">Total: {formatPrice(cartTotalCents(lines))}</p>
      <button type="button" onClick={checkout}>
        Checkout
      </button>
    </section>
  );
}
