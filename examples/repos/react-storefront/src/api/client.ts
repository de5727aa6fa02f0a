import { products as fixtureProducts } from '../__fixtures__/products';
import { getAccessToken, saveSession } from '../auth/session';
import type { Product, Session } from '../types';

const baseUrl = import.meta.env.VITE_API_BASE_URL ?? '/api';
const useFixtures = import.meta.env.VITE_USE_FIXTURES === 'true';

async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  const token = getAccessToken();
  const res = await fetch(`${baseUrl}${path}`, {
    ...init,
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...init.headers,
    },
  });
  if (!res.ok) {
    throw new Error(
      `${init.method ?? 'GET'} ${path} failed with ${res.status}`,
    );
  }
  return res.json() as Promise<T>;
}

export async function listProducts(query = ''): Promise<Product[]> {
  if (useFixtures) {
    const q = query.toLowerCase();
    return fixtureProducts.filter(p => p.name.toLowerCase().includes(q));
  }
  const searchKey = import.meta.env.VITE_SEARCH_API_KEY;
  const params = new URLSearchParams({ q: query });
  return request<Product[]>(`/products?${params}`, {
    headers: searchKey ? { 'X-Search-Key': searchKey } : {},
  });
}

export async function getProduct(slug: string): Promise<Product> {
  if (useFixtures) {
    const found = fixtureProducts.find(p => p.slug === slug);
    if (!found) throw new Error(`no product ${slug}`);
    return found;
  }
  return request<Product>(`/products/${encodeURIComponent(slug)}`);
}

export async function login(email: string, password: string): Promise<Session> {
  const session = await request<Session>('/auth/login', {
    method: 'POST',
    body: JSON.stringify({ email, password }),
  });
  saveSession(session);
  return session;
}
