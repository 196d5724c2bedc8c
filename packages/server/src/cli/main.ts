#!/usr/bin/env node
import { processIo } from "./cli-io.js";
import { runCli } from "./program.js";

/** Entry point of the `fleetpatch` binary. */
process.exitCode = await runCli(process.argv.slice(2), processIo());
