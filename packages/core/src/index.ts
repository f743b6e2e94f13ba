// @bursar/core: pure, deterministic domain logic. No I/O; clock and ids are passed in.
export * from './identity/permissions.ts';
