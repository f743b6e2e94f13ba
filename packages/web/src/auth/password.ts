// The server's password policy (packages/server/src/security/password.ts) is the authority;
// checking the length here only saves a round trip.
export const MIN_PASSWORD_LENGTH = 10;
