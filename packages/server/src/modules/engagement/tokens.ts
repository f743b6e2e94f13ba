// Signed tokens for links in messages (unsubscribe, open and click tracking). The key is derived
// from the data key, so tokens survive restarts and need no table.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Deps } from '../../deps.ts';

const keys = new WeakMap<object, string>();
function keyOf(deps: Pick<Deps, 'cipher'>): string {
  let k = keys.get(deps.cipher);
  if (!k) {
    k = deps.cipher.blindIndex('bursar:engagement:link-token-key');
    keys.set(deps.cipher, k);
  }
  return k;
}

function mac(deps: Pick<Deps, 'cipher'>, kind: string, payload: string): string {
  return createHmac('sha256', keyOf(deps)).update(`${kind}\n${payload}`).digest('base64url').slice(0, 32);
}

/** `<payload>.<mac>` with the payload base64url-encoded. */
export function signToken(deps: Pick<Deps, 'cipher'>, kind: string, payload: string): string {
  return `${Buffer.from(payload, 'utf8').toString('base64url')}.${mac(deps, kind, payload)}`;
}

export function verifyToken(deps: Pick<Deps, 'cipher'>, kind: string, token: string): string | null {
  const [p, m] = token.split('.');
  if (!p || !m || token.split('.').length !== 2) return null;
  const payload = Buffer.from(p, 'base64url').toString('utf8');
  const expected = Buffer.from(mac(deps, kind, payload));
  const given = Buffer.from(m);
  return expected.length === given.length && timingSafeEqual(expected, given) ? payload : null;
}

/** Verify a provider's `sha256=<hex>` HMAC of the raw request body. */
export function verifyProviderSignature(
  secret: string | undefined,
  rawBody: string,
  header: string | undefined,
): boolean {
  if (!secret || !header) return false;
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`);
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
