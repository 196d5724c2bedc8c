#!/usr/bin/env node
import { processIo } from "../cli/cli-io.js";
import { runCli } from "./cli-program.js";

/** Entry point of the `fleetpatch` binary. */
process.exitCode = await runCli(process.argv.slice(2), processIo());
