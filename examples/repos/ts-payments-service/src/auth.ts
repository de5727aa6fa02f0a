import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';

/**
 * Accepts requests that carry `Authorization: Bearer <token>` matching the configured
 * service token. The comparison runs in constant time.
 */
export function requireServiceToken(expected: string): RequestHandler {
  const expectedBytes = Buffer.from(expected);

  return (req, res, next) => {
    const [scheme, token] = (req.get('authorization') ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) {
      res.status(401).json({ error: 'missing bearer token' });
      return;
    }

    const given = Buffer.from(token);
    if (given.length !== expectedBytes.length || !timingSafeEqual(given, expectedBytes)) {
      res.status(403).json({ error: 'invalid token' });
      return;
    }

    next();
  };
}
