/** Users, API tokens, authentication and authorisation. */
export { registerAuthCommands } from "./auth.commands.js";
export { usersRoutes } from "./auth.routes.js";
export { AuthService, DEFAULT_TOKEN_LIFETIME_DAYS } from "./auth.service.js";
export { type UserRecord, UsersStore } from "./auth.store.js";
