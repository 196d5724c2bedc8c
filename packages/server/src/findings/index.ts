/** Findings: the match run, the finding lifecycle, listings. */
export { registerFindingsCommands } from "./findings.commands.js";
export { type FindingView, presentFinding } from "./findings.presenter.js";
export { findingsRoutes } from "./findings.routes.js";
export { FindingsService, type MatchResult } from "./findings.service.js";
export { FindingsStore } from "./findings.store.js";
