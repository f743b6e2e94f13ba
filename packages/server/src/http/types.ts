import type { Permission } from '@bursar/core';
import type { Actor } from '../modules/identity/index.ts';

/** Why a route may be reached without a permission: only these few are public. */
export type PublicRoute =
  | 'login'
  | 'health'
  | 'docs'
  | 'metrics'
  | 'web-asset'
  | 'unsubscribe'
  | 'message-tracking'
  | 'provider-callback'
  | 'survey-link'
  | 'registration'
  | 'campaign-landing'
  | 'prospect-form'
  | 'campus-event-link';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission a caller needs. Every route declares this or `public`. */
    permission?: Permission;
    public?: PublicRoute;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}
