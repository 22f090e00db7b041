-- wrk script for bench/run.sh: POST pre-signed Stripe events (BENCH_WEBHOOKS: one "signature<TAB>body" line
-- each, every event id unique), each thread taking its own share (lines thread_id + 1, thread_id + 1 + threads,
-- ...), then report like report.lua. Each thread formats its share once in init(), before wrk starts its clock, so
-- that the load generator, which shares the cores with the server, spends nothing but the hand-out per request.
local counter = 0
local threads = tonumber(os.getenv("BENCH_THREADS")) or 1
local next_index = 1

function setup(thread)
    thread:set("thread_id", counter)
    counter = counter + 1
end

function init(args)
    local share = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "share.lua")
    requests = share(os.getenv("BENCH_WEBHOOKS"), tonumber(wrk.thread:get("thread_id")) or 0, threads,
        function(key) return { ["Content-Type"] = "application/json", ["Stripe-Signature"] = key } end)
end

function request()
    local formatted = requests[next_index]
    next_index = next_index + 1
    if next_index > #requests then next_index = 1 end
    return formatted
end

dofile(os.getenv("BENCH_REPORT"))
