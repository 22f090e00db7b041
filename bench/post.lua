-- wrk script for bench/run.sh: POST a fixed JSON body (BENCH_BODY) to the URL, then report like report.lua.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = os.getenv("BENCH_BODY") or "{}"
dofile(os.getenv("BENCH_REPORT"))
