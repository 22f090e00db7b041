-- wrk script for bench/run.sh: GET with a bearer token (BENCH_TOKEN), then report like report.lua.
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("BENCH_TOKEN") or "")
dofile(os.getenv("BENCH_REPORT"))
