-- wrk script for bench/usage.sh: POST usage batches (BENCH_USAGE: one "token<TAB>body" line each), each thread
-- taking its own share; counts answers that accepted at least one event (a replay must have none) and the answers
-- by status (202 stored; 429 rate limited, 422 refused, ... are failures the bench must not count as ingested), then
-- reports like report.lua plus those counts.
local lines = {}
for line in io.lines(os.getenv("BENCH_USAGE")) do
    local tab = line:find("\t", 1, true)
    lines[#lines + 1] = { line:sub(1, tab - 1), line:sub(tab + 1) }
end
local counter = 0
local threads = tonumber(os.getenv("BENCH_THREADS")) or 1
local next_index = 1
local handles = {}

function setup(thread)
    thread:set("thread_id", counter)
    counter = counter + 1
    handles[#handles + 1] = thread
end

function init(args)
    next_index = (tonumber(wrk.thread:get("thread_id")) or 0) + 1
    accepted_answers = 0
    accepted_events = 0
    status_202, status_429, status_4xx, status_other = 0, 0, 0, 0
end

function request()
    local entry = lines[next_index]
    next_index = next_index + threads
    if next_index > #lines then next_index = next_index - #lines end
    return wrk.format("POST", nil, { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. entry[1] },
        entry[2])
end

function response(status, headers, body)
    if status == 202 then
        status_202 = status_202 + 1
    elseif status == 429 then
        status_429 = status_429 + 1
    elseif status >= 400 and status < 500 then
        status_4xx = status_4xx + 1
    else
        status_other = status_other + 1
    end
    local accepted = tonumber(body:match('"accepted":(%d+)') or "0")
    if accepted > 0 then
        accepted_answers = accepted_answers + 1
        accepted_events = accepted_events + accepted
    end
end

local report = dofile(os.getenv("BENCH_REPORT_FILE"))
function done(summary, latency, requests)
    local answers, events, s202, s429, s4xx, other = 0, 0, 0, 0, 0, 0
    for _, thread in ipairs(handles) do
        answers = answers + (tonumber(thread:get("accepted_answers")) or 0)
        events = events + (tonumber(thread:get("accepted_events")) or 0)
        s202 = s202 + (tonumber(thread:get("status_202")) or 0)
        s429 = s429 + (tonumber(thread:get("status_429")) or 0)
        s4xx = s4xx + (tonumber(thread:get("status_4xx")) or 0)
        other = other + (tonumber(thread:get("status_other")) or 0)
    end
    io.write(string.format('ACCEPTED {"answers":%d,"events":%d,"status":{"202":%d,"429":%d,"other 4xx":%d,"other":%d}}\n',
        answers, events, s202, s429, s4xx, other))
    report(summary, latency, requests)
end
