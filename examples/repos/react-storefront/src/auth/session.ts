import type { Session } from '../types';

export function saveSession(session: Session): void {
  localStorage.setItem('access_token', session.accessToken);
  localStorage.setItem('refresh_token', session.refreshToken);
  localStorage.setItem('customer_name', session.customerName);
}

export function getAccessToken(): string | null {
  return localStorage.getItem('access_token');
}

export function getCustomerName(): string | null {
  return localStorage.getItem('customer_name');
}

export function clearSession(): void {
  localStorage.removeItem('access_token');
  localStorage.removeItem('refresh_token');
  localStorage.removeItem('customer_name');
}
