#!/usr/bin/env node
// Entry point of the `initlint` command; the bundle is built by `npm run build` (and on install).
require("../dist/cli.js");
