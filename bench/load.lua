-- load.lua: wrk script of bench/load.sh, readers and writers mixed against pok serve.
--
-- wrk ... -s load.lua URL -- CODES MEASURES SESSIONS WRITE_PERCENT SOURCE AMOUNT SECONDS
--                           QUIET EDIT_PERCENT NATIONAL_PERCENT
--   CODES     file with one municipality code a line (the 342 of 2025)
--   MEASURES  file with one measure id a line
--   SESSIONS  file with "SESSION_TOKEN CSRF_TOKEN" a line (logged-in editors)
--   WRITE_PERCENT  share of requests that are reserve deposits (default 10)
--   SOURCE    source id cited by every reserve deposit
--   AMOUNT    the deposit of every write, in Dutch notation (e.g. 1,23)
--   SECONDS   the run's duration; writers stop QUIET seconds before its end
--   EDIT_PERCENT  share of requests that are stale measure edits (default 2)
--   NATIONAL_PERCENT  share of requests that read the national monitor (default 2):
--             /landelijk, /gemeente/CODE/vergelijking or /landelijk/volledigheid
--
-- Readers (anonymous: every municipality is published) GET a municipality page, a
-- measure page or a coverage CSV. Writers POST the reserve form of a random municipality
-- with confirm=1: a deposit of AMOUNT, saved at once (303 to the municipality page).
-- Every accepted write therefore adds exactly AMOUNT to the database, which load.sh
-- checks afterwards. Editors POST the edit form of a random measure with versie=1, the
-- version every measure has after the fill: like editors who opened the form before
-- anyone saved. Optimistic versioning must accept the first save of each measure (303
-- to /maatregel/ID) and refuse every later one (409), however many arrive at once;
-- load.sh checks afterwards that no measure was saved twice. Writers and editors stop
-- QUIET seconds before the end so that every write sent has been answered when wrk stops
-- (a write still in flight at the end could be saved without wrk ever seeing its
-- answer); readers go on until the end.
--
-- Counted in `response`: 200 = read ok; 303 to /gemeente/CODE = write accepted; 303 to
-- /maatregel/ID = edit accepted; 409 = conflict (not an error); anything else (also a
-- 303 to /inloggen) = error. `done` prints one line "load: key=value ..." that load.sh
-- parses.

local threads = {}
local next_id = 1

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

local function lines(path)
  local t = {}
  for l in io.lines(path) do
    if l ~= "" then table.insert(t, l) end
  end
  return t
end

local codes, measures, sessions = {}, {}, {}
local write_percent, edit_percent, source, amount, stop_writes = 10, 2, "1", "1,23", 0
local national_percent = 2
local origin

function init(args)
  codes = lines(args[1])
  measures = lines(args[2])
  for _, l in ipairs(lines(args[3])) do
    local tok, csrf = l:match("^(%S+)%s+(%S+)$")
    table.insert(sessions, { tok = tok, csrf = csrf })
  end
  write_percent = tonumber(args[4]) or 10
  source = args[5] or "1"
  amount = args[6] or "1,23"
  local seconds, quiet = tonumber(args[7]) or 30, tonumber(args[8]) or 3
  edit_percent = tonumber(args[9]) or 2
  national_percent = tonumber(args[10]) or 2
  stop_writes = os.time() + seconds - quiet
  origin = "http://" .. wrk.headers["Host"]
  math.randomseed(os.time() * 1000 + id)
  -- counters (globals, so that done can read them with thread:get)
  reads_sent, writes_sent, edits_sent = 0, 0, 0
  reads_ok, writes_ok, edits_ok, conflicts, errors = 0, 0, 0, 0, 0
  status_other = ""
  -- wrk calls request() once on the first thread's state to check the script, before
  -- any connection: that request is never sent, so it is not counted.
  verify_call = (id == 1)
end

local function pick(t)
  return t[math.random(#t)]
end

local function urlencode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", c:byte()) end))
end

function request()
  if verify_call then
    verify_call = false
    return wrk.format("GET", "/gemeente/" .. codes[1])
  end
  local dice = math.random(100)
  local writing = os.time() < stop_writes
  if writing and dice > write_percent and dice <= write_percent + edit_percent then
    edits_sent = edits_sent + 1
    local s = pick(sessions)
    local body = "naam=" .. urlencode("Wijkteam versterken (bewerkt)") ..
        "&status=lopend&partner=" .. urlencode("Sociaal wijkteam") ..
        "&versie=1&csrf=" .. s.csrf
    return wrk.format("POST", "/maatregel/" .. pick(measures) .. "/bewerken", {
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["Cookie"] = "pok_sessie=" .. s.tok,
      ["Origin"] = origin,
    }, body)
  end
  if writing and dice <= write_percent then
    writes_sent = writes_sent + 1
    local s = pick(sessions)
    local body = "soort=storting&jaar=2025&bedrag=" .. urlencode(amount) ..
        "&bron=" .. source .. "&omschrijving=belastingtest&csrf=" .. s.csrf .. "&confirm=1"
    return wrk.format("POST", "/gemeente/" .. pick(codes) .. "/reserve/nieuw", {
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["Cookie"] = "pok_sessie=" .. s.tok,
      ["Origin"] = origin,
    }, body)
  end
  reads_sent = reads_sent + 1
  if dice > 100 - national_percent then
    local n = math.random(3)
    if n == 1 then return wrk.format("GET", "/landelijk") end
    if n == 2 then return wrk.format("GET", "/gemeente/" .. pick(codes) .. "/vergelijking") end
    return wrk.format("GET", "/landelijk/volledigheid")
  end
  local r = math.random(3)
  if r == 1 then
    return wrk.format("GET", "/gemeente/" .. pick(codes))
  elseif r == 2 then
    return wrk.format("GET", "/maatregel/" .. pick(measures))
  end
  return wrk.format("GET", "/gemeente/" .. pick(codes) .. "/dekking.csv")
end

function response(status, headers, body)
  if status == 200 then
    reads_ok = reads_ok + 1
  elseif status == 303 and (headers["Location"] or ""):match("^/gemeente/GM%d+$") then
    writes_ok = writes_ok + 1
  elseif status == 303 and (headers["Location"] or ""):match("^/maatregel/%d+$") then
    edits_ok = edits_ok + 1
  elseif status == 409 then
    conflicts = conflicts + 1
  else
    errors = errors + 1
    if #status_other < 200 then status_other = status_other .. status .. "," end
  end
end

function done(summary, latency, requests)
  local t = { reads_sent = 0, writes_sent = 0, edits_sent = 0, reads_ok = 0,
              writes_ok = 0, edits_ok = 0, conflicts = 0, errors = 0 }
  local other = ""
  for _, th in ipairs(threads) do
    for k, _ in pairs(t) do t[k] = t[k] + th:get(k) end
    other = other .. th:get("status_other")
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "load: requests=%d seconds=%.2f rps=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f " ..
    "reads_sent=%d reads_ok=%d writes_sent=%d writes_ok=%d edits_sent=%d edits_ok=%d " ..
    "conflicts=%d errors=%d " ..
    "socket_errors=%d statuses_other=%s\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    t.reads_sent, t.reads_ok, t.writes_sent, t.writes_ok, t.edits_sent, t.edits_ok,
    t.conflicts, t.errors,
    e.connect + e.read + e.write + e.timeout, other == "" and "-" or other))
end
