/**
 * The import rules of docs/architecture.md, checked by `npm run lint` (and so in CI):
 * a wrong arrow fails the build. Feature folders are the nouns under packages/server/src.
 */
const FEATURES = "(auth|demo|findings|intel|inventory)";
const SERVER = "^packages/server/src/";
const NODE_IO =
  "^(node:)?(fs|fs/promises|net|http|https|http2|child_process|dgram|os|crypto|worker_threads|cluster|tls|dns)$";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "core-imports-no-server",
      comment: "core is shared by server, agent and web; it imports nothing of the server.",
      severity: "error",
      from: { path: "^packages/core/" },
      to: { path: "^packages/server/" },
    },
    {
      name: "core-does-no-io",
      comment: "core is pure: no file system, network, processes or crypto outside its tests and scripts.",
      severity: "error",
      from: { path: "^packages/core/src/", pathNot: "\\.test\\.ts$" },
      to: { dependencyTypes: ["core"], path: NODE_IO },
    },
    {
      name: "ports-and-store-import-only-core",
      comment: "platform/ and store/ are below the features: they import core, never a feature, the plumbing or app/.",
      severity: "error",
      from: { path: `${SERVER}(platform|store)/`, pathNot: "\\.test\\.ts$" },
      to: { path: SERVER, pathNot: `${SERVER}$1/` },
    },
    {
      name: "plumbing-imports-no-feature",
      comment: "http/, cli/ and config/ are plumbing: they import no feature and not app/.",
      severity: "error",
      from: { path: `${SERVER}(http|cli|config)/`, pathNot: "\\.test\\.ts$" },
      to: { path: `${SERVER}(app|${FEATURES.slice(1, -1)})/` },
    },
    {
      name: "features-meet-through-index",
      comment: "A feature imports another feature only through its index.ts.",
      severity: "error",
      from: { path: `${SERVER}${FEATURES}/` },
      to: { path: `${SERVER}${FEATURES}/`, pathNot: [`${SERVER}$1/`, `${SERVER}[^/]+/index\\.ts$`] },
    },
    {
      name: "only-app-imports-app",
      comment: "app/ is the composition root; nothing else imports it (tests and benchmarks may).",
      severity: "error",
      from: { path: SERVER, pathNot: [`${SERVER}app/`, "\\.test\\.ts$"] },
      to: { path: `${SERVER}app/` },
    },
    {
      name: "services-use-ports",
      comment: "Services reach files, crypto and the network through platform/ ports, never node: modules.",
      severity: "error",
      from: { path: "\\.service\\.ts$" },
      to: { dependencyTypes: ["core"], path: NODE_IO },
    },
    {
      name: "sql-only-in-stores",
      comment:
        "No database handle outside stores: Kysely and the drivers are for *.store.ts, store/ and the composition root.",
      severity: "error",
      from: {
        path: SERVER,
        pathNot: ["\\.store\\.ts$", `${SERVER}store/`, `${SERVER}app/`, "\\.test\\.ts$"],
      },
      to: { path: "node_modules/(kysely|better-sqlite3|pg)/" },
    },
    {
      name: "no-circular",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: ["^packages/[^/]+/dist/", "/fixtures/", "\\.d\\.ts$"] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.depcruise.json" },
    combinedDependencies: false,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default"],
      extensions: [".ts", ".js", ".json"],
    },
  },
};
