-- wrk script for bench/memory.sh: a mix of uncached pages, cached pages, API reads, the quote API and a bearer
-- request (and signed webhooks, below), in rotation (every connection walks the list), then report like report.lua.
local token = os.getenv("BENCH_TOKEN") or ""
local quote = os.getenv("BENCH_BODY") or "{}"
-- Built in init(): wrk sets the Host header only after the script's main chunk ran, so requests formatted at load
-- time go out without one and nginx answers 400 (which is how this mix measured nothing before).
local requests = {}
function init(args)
    requests = {
        wrk.format("GET", "/de/konfigurator?package=assistant_starter&qty_extra_users=2&country=DE"),
        wrk.format("GET", "/en/configurator?package=assistant_business&country=AT&vat_id=ATU12345678"),
        wrk.format("GET", "/de/", { ["Cookie"] = "cz_consent=necessary" }),
        wrk.format("GET", "/en/pricing"),
        wrk.format("GET", "/api/v1/billing/products"),
        wrk.format("GET", "/api/v1/catalog"),
        wrk.format("POST", "/api/v1/pricing/quote", { ["Content-Type"] = "application/json" }, quote),
        wrk.format("GET", "/api/v1/billing/purchases", { ["Authorization"] = "Bearer " .. token }),
        wrk.format("GET", "/healthz"),
        wrk.format("GET", "/de/kontakt"),
    }
    next_webhook = (tonumber(wrk.thread:get("thread_id")) or 0) + 1
end
-- With BENCH_WEBHOOKS (pre-signed "signature<TAB>body" lines, as bench/webhook.lua reads them), a signed Stripe event
-- is part of the rotation too, each thread taking its own share of the lines.
local webhooks = {}
local webhooks_path = os.getenv("BENCH_WEBHOOKS") or ""
if webhooks_path ~= "" then
    for line in io.lines(webhooks_path) do
        local tab = line:find("\t", 1, true)
        if tab then webhooks[#webhooks + 1] = { line:sub(1, tab - 1), line:sub(tab + 1) } end
    end
end
local counter = 0
local threads = tonumber(os.getenv("BENCH_THREADS")) or 2
local next_webhook = 1
function setup(thread)
    thread:set("thread_id", counter)
    counter = counter + 1
end
local index = 0
function request()
    index = index % (#requests + (#webhooks > 0 and 1 or 0)) + 1
    if index > #requests then
        local entry = webhooks[next_webhook]
        next_webhook = next_webhook + threads
        if next_webhook > #webhooks then next_webhook = next_webhook - #webhooks end
        return wrk.format("POST", "/api/v1/billing/webhook",
            { ["Content-Type"] = "application/json", ["Stripe-Signature"] = entry[1] }, entry[2])
    end
    return requests[index]
end
dofile(os.getenv("BENCH_REPORT"))
