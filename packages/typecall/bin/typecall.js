#!/usr/bin/env node
// Runs the built CLI; `pnpm build` writes dist/.
import "../dist/cli/bin.js";
