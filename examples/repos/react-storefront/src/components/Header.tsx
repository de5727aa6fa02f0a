import { Link } from 'react-router-dom';
import { clearSession, getCustomerName } from '../auth/session';
import { useCart } from '../store/cart';

export default function Header() {
  const itemCount = useCart(s => s.lines.reduce((n, l) => n + l.quantity, 0));
  const customer = getCustomerName();

  return (
    <header className="header">
      <Link to="/" className="brand">
        Fernhill Outdoors
      </Link>
      <nav>
        <Link to="/cart">Cart ({itemCount})</Link>
        {customer ? (
          <button
            type="button"
            onClick={() => {
              clearSession();
              window.location.assign('/');
            }}
          >
            Sign out {customer}
          </button>
        ) : (
          <Link to="/login">Sign in</Link>
        )}
      </nav>
    </header>
  );
}
