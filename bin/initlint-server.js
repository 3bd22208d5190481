#!/usr/bin/env node
// Entry point of the language server for any LSP client: `initlint-server --stdio`.
require("../dist/server.js");
