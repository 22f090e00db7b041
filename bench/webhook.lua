-- wrk script for bench/run.sh: POST pre-signed Stripe events (BENCH_WEBHOOKS: one "signature<TAB>body" line
-- each, every event id unique), each thread taking its own share (lines thread_id + 1, thread_id + 1 + threads,
-- ...), then report like report.lua. Each thread formats its share once in init(), before wrk starts its clock, so
-- that the load generator, which shares the cores with the server, spends nothing but the hand-out per request.
local counter = 0
local threads = tonumber(os.getenv("BENCH_THREADS")) or 1
local requests = {}
local next_index = 1

function setup(thread)
    thread:set("thread_id", counter)
    counter = counter + 1
end

function init(args)
    local me = tonumber(wrk.thread:get("thread_id")) or 0
    local line_number = 0
    for line in io.lines(os.getenv("BENCH_WEBHOOKS")) do
        if line_number % threads == me then
            local tab = line:find("\t", 1, true)
            requests[#requests + 1] = wrk.format("POST", nil,
                { ["Content-Type"] = "application/json", ["Stripe-Signature"] = line:sub(1, tab - 1) },
                line:sub(tab + 1))
        end
        line_number = line_number + 1
    end
end

function request()
    local formatted = requests[next_index]
    next_index = next_index + 1
    if next_index > #requests then next_index = 1 end
    return formatted
end

dofile(os.getenv("BENCH_REPORT"))
