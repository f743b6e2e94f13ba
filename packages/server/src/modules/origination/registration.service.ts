// Student self-registration for the portal: a prospect customer and a student account linked to
// it, so the student can apply. Public and rate-limited (see the route).
import type { ActorContext, Deps } from '../../deps.ts';
import { createCustomer } from '../customers/index.ts';
import { createUser, type Locale, type PublicUser } from '../identity/index.ts';

export interface RegistrationInput {
  username: string;
  password: string;
  legalName: string;
  email: string;
  dateOfBirth?: string | undefined;
  locale?: Locale | undefined;
}

export async function registerStudent(
  deps: Deps,
  ctx: ActorContext,
  input: RegistrationInput,
): Promise<PublicUser> {
  // The customer record first: a user can only be linked to one that exists. A likely duplicate
  // is allowed here; origination's duplicate check flags it when the application is submitted.
  const customer = await createCustomer(
    deps,
    ctx,
    {
      legalName: input.legalName,
      email: input.email,
      dateOfBirth: input.dateOfBirth,
      status: 'prospect',
      preferredLanguage: input.locale ?? 'zh-CN',
      preferredChannel: 'email',
      allowDuplicate: true,
    },
    'portal-registration',
  );
  return createUser(deps, ctx, {
    username: input.username,
    displayName: input.legalName,
    email: input.email,
    password: input.password,
    roles: ['student'],
    locale: input.locale ?? 'zh-CN',
    customerId: customer.id,
  });
}
