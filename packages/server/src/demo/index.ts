/** `fleetpatch demo`: a demo database seeded through the services, served over HTTP. */
export { defaultDatabaseNotes } from "./database-notes.js";
export { registerDemoCommand } from "./demo.commands.js";
export { DEMO_DATABASE, DEMO_FIXTURES, seedDemo } from "./demo.js";
