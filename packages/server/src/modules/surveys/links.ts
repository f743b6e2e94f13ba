// Signed survey links: `<invitation id>.<HMAC>` with a key derived from the data key (as
// engagement's message links), so links need no table and survive restarts. A link is single-use
// in effect: once its invitation's response is submitted, the link only shows a thank-you.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Deps } from '../../deps.ts';
import { engagementSettings } from '../engagement/index.ts';

const keys = new WeakMap<object, string>();
function keyOf(deps: Pick<Deps, 'cipher'>): string {
  let k = keys.get(deps.cipher);
  if (!k) {
    k = deps.cipher.blindIndex('bursar:surveys:link-token-key');
    keys.set(deps.cipher, k);
  }
  return k;
}

const mac = (deps: Pick<Deps, 'cipher'>, invitationId: string) =>
  createHmac('sha256', keyOf(deps))
    .update(`survey-invitation\n${invitationId}`)
    .digest('base64url')
    .slice(0, 32);

export function surveyToken(deps: Pick<Deps, 'cipher'>, invitationId: string): string {
  return `${invitationId}.${mac(deps, invitationId)}`;
}

/** The invitation id a token was signed for, or null when it was not signed by us. */
export function invitationOfToken(deps: Pick<Deps, 'cipher'>, token: string): string | null {
  const parts = token.split('.');
  if (parts.length !== 2 || !/^[0-9a-f-]{36}$/.test(parts[0]!)) return null;
  const expected = Buffer.from(mac(deps, parts[0]!));
  const given = Buffer.from(parts[1]!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? parts[0]! : null;
}

/** The public page a respondent opens (the web app's `/s/:token` route). */
export function surveyUrl(deps: Deps, invitationId: string): string {
  return `${engagementSettings(deps).publicBaseUrl.replace(/\/$/, '')}/s/${surveyToken(deps, invitationId)}`;
}
