// Public surface of the identity module.
export {
  resolveSession,
  login,
  createUser,
  countAllUsers,
  getUser,
  listUsers,
  type Actor,
  type PublicUser,
  type CreateUserInput,
  type Locale,
} from './identity.service.ts';
export { identityRoutes, SESSION_COOKIE } from './identity.routes.ts';
export { activeUsersWithRole, type StaffMember } from './directory.service.ts';
