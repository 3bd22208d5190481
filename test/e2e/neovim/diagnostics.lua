-- Headless Neovim (0.7 API) as a second LSP client: starts the server command given in
-- INITLINT_SERVER_CMD (a JSON array), opens INITLINT_FILE, waits for the first diagnostics the
-- server publishes for it and writes them as JSON to INITLINT_OUT, then quits. Exits with
-- status 1 when no diagnostics arrive within INITLINT_TIMEOUT_MS.
local file = vim.fn.fnamemodify(os.getenv("INITLINT_FILE"), ":p")
local out = os.getenv("INITLINT_OUT")
local cmd = vim.fn.json_decode(os.getenv("INITLINT_SERVER_CMD"))
local timeout = tonumber(os.getenv("INITLINT_TIMEOUT_MS") or "60000")
local uri = vim.uri_from_fname(file)
local received = nil

local client_id = vim.lsp.start_client({
  name = "initlint",
  cmd = cmd,
  root_dir = vim.fn.fnamemodify(file, ":h"),
  handlers = {
    ["textDocument/publishDiagnostics"] = function(_, result)
      if result and result.uri == uri and received == nil then
        received = result
      end
    end,
  },
})
if client_id == nil then
  io.stderr:write("neovim: the server did not start\n")
  vim.cmd("cquit 1")
end

vim.cmd("edit " .. vim.fn.fnameescape(file))
vim.lsp.buf_attach_client(0, client_id)

local arrived = vim.wait(timeout, function()
  return received ~= nil
end, 50)
if not arrived then
  io.stderr:write("neovim: no diagnostics within " .. timeout .. " ms\n")
  vim.cmd("cquit 1")
end

local handle = assert(io.open(out, "w"))
handle:write(vim.fn.json_encode(received))
handle:close()
vim.lsp.stop_client(client_id)
vim.cmd("qall!")
