-- wrk script for bench/usage.sh: POST usage batches (BENCH_USAGE: one "token<TAB>body" line each), each thread
-- taking its own share (lines thread_id + 1, thread_id + 1 + threads, ...).
--
-- The load generator shares the two cores with nginx, the pool and PostgreSQL, so it does as little per request as
-- it can: each thread formats its share of the requests once in init(), before wrk starts its clock, and request()
-- only hands the next one out (session 15: wrk.format per request cost the server side ~8 % of single events).
-- Answers are read only when BENCH_READ_ANSWERS=1 (the replay, whose proof is that no answer accepted anything):
-- then response() counts answers that accepted at least one event and the answers by status (202 stored; 429 rate
-- limited, 422 refused, ... are failures the bench must not count as ingested). Otherwise wrk's own count of
-- non-2xx/3xx answers stands for them and the database's count of stored events is the proof (bench/usage.sh).
-- BENCH_RATE paces the requests: the threads together send BENCH_RATE requests a second (each thread its share, one
-- request per slot, whichever of its connections is free), so the latency is measured at that load rather than
-- at saturation, where wrk's closed loop makes it connections ÷ throughput. A slot missed because every connection
-- was busy is not made up later: the achieved rate (req/s) then falls short of BENCH_RATE and shows it.
-- Reports like report.lua plus an ACCEPTED line.
local counter = 0
local rate = tonumber(os.getenv("BENCH_RATE") or "")
local threads = tonumber(os.getenv("BENCH_THREADS")) or 1
local read_answers = os.getenv("BENCH_READ_ANSWERS") == "1"
local handles = {}
local next_index = 1

function setup(thread)
    thread:set("thread_id", counter)
    counter = counter + 1
    handles[#handles + 1] = thread
end

function init(args)
    local share = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "share.lua")
    requests = share(os.getenv("BENCH_USAGE"), tonumber(wrk.thread:get("thread_id")) or 0, threads,
        function(key) return { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. key } end)
    accepted_answers = 0
    accepted_events = 0
    status_202, status_429, status_4xx, status_other = 0, 0, 0, 0
end

function request()
    local formatted = requests[next_index]
    next_index = next_index + 1
    if next_index > #requests then next_index = 1 end
    return formatted
end

if rate then
    local ffi = require("ffi")
    ffi.cdef [[
        typedef struct { long tv_sec; long tv_nsec; } codezero_timespec;
        int clock_gettime(int clock, codezero_timespec *now);
    ]]
    local now = ffi.new("codezero_timespec")
    local function milliseconds()
        ffi.C.clock_gettime(1, now) -- CLOCK_MONOTONIC
        return tonumber(now.tv_sec) * 1000 + tonumber(now.tv_nsec) / 1e6
    end
    local interval = 1000 * threads / rate
    local next_slot
    -- wrk calls delay() before each request of a connection and sends it that many milliseconds later.
    function delay()
        local at = milliseconds()
        next_slot = math.max((next_slot or at) + interval, at)
        return math.floor(next_slot - at)
    end
end

if read_answers then
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
end

local report = dofile(os.getenv("BENCH_REPORT_FILE"))
function done(summary, latency, requests_done)
    if read_answers then
        local answers, events, s202, s429, s4xx, other = 0, 0, 0, 0, 0, 0
        for _, thread in ipairs(handles) do
            answers = answers + (tonumber(thread:get("accepted_answers")) or 0)
            events = events + (tonumber(thread:get("accepted_events")) or 0)
            s202 = s202 + (tonumber(thread:get("status_202")) or 0)
            s429 = s429 + (tonumber(thread:get("status_429")) or 0)
            s4xx = s4xx + (tonumber(thread:get("status_4xx")) or 0)
            other = other + (tonumber(thread:get("status_other")) or 0)
        end
        io.write(string.format(
            'ACCEPTED {"read":true,"answers":%d,"events":%d,"status":{"202":%d,"429":%d,"other 4xx":%d,"other":%d}}\n',
            answers, events, s202, s429, s4xx, other))
    else
        io.write(string.format('ACCEPTED {"read":false,"status":{"2xx or 3xx":%d,"other":%d}}\n',
            summary.requests - summary.errors.status, summary.errors.status))
    end
    report(summary, latency, requests_done)
end
