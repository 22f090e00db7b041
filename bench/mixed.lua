-- wrk script for bench/memory.sh: a mix of uncached pages, cached pages, API reads, the quote API and a bearer
-- request, in rotation (every connection walks the list), then report like report.lua.
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
end
local index = 0
function request()
    index = index % #requests + 1
    return requests[index]
end
dofile(os.getenv("BENCH_REPORT"))
