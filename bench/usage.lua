-- wrk script for bench/usage.sh: POST usage batches (BENCH_USAGE: one "token<TAB>body" line each), each thread
-- taking its own share; counts answers that accepted at least one event (a replay must have none), then
-- reports like report.lua plus that count.
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
end

function request()
    local entry = lines[next_index]
    next_index = next_index + threads
    if next_index > #lines then next_index = next_index - #lines end
    return wrk.format("POST", nil, { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. entry[1] },
        entry[2])
end

function response(status, headers, body)
    local accepted = tonumber(body:match('"accepted":(%d+)') or "0")
    if accepted > 0 then
        accepted_answers = accepted_answers + 1
        accepted_events = accepted_events + accepted
    end
end

local report = dofile(os.getenv("BENCH_REPORT_FILE"))
function done(summary, latency, requests)
    local answers, events = 0, 0
    for _, thread in ipairs(handles) do
        answers = answers + (tonumber(thread:get("accepted_answers")) or 0)
        events = events + (tonumber(thread:get("accepted_events")) or 0)
    end
    io.write(string.format('ACCEPTED {"answers":%d,"events":%d}\n', answers, events))
    report(summary, latency, requests)
end
