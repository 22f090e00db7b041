-- wrk script for bench/run.sh: GET with the bench company's session cookie (BENCH_COOKIE, "name=value"), then
-- report like report.lua.
wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE") or ""
dofile(os.getenv("BENCH_REPORT"))
