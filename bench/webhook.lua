-- wrk script for bench/run.sh: POST pre-signed Stripe events (BENCH_WEBHOOKS: one "signature<TAB>body" line
-- each, every event id unique), each thread taking its own share, then report like report.lua.
local lines = {}
for line in io.lines(os.getenv("BENCH_WEBHOOKS")) do
    local tab = line:find("\t", 1, true)
    lines[#lines + 1] = { line:sub(1, tab - 1), line:sub(tab + 1) }
end
local counter = 0
local threads = tonumber(os.getenv("BENCH_THREADS")) or 1
local next_index = 1

function setup(thread)
    thread:set("thread_id", counter)
    counter = counter + 1
end

function init(args)
    next_index = (tonumber(wrk.thread:get("thread_id")) or 0) + 1
end

function request()
    local entry = lines[next_index]
    next_index = next_index + threads
    if next_index > #lines then next_index = next_index - #lines end
    return wrk.format("POST", nil, { ["Content-Type"] = "application/json", ["Stripe-Signature"] = entry[1] },
        entry[2])
end

dofile(os.getenv("BENCH_REPORT"))
