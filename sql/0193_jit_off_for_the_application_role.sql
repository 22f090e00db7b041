-- JIT compilation off for the application's role (its sessions from the next connection on; the migrations run
-- with the same DATABASE_URL as the pool and the jobs process). The application's statements are short and
-- indexed; PostgreSQL compiles by the estimated cost, and a range it cannot know at plan time (a company's usage
-- tail from the fold's watermark, sql/0192) was estimated at tens of thousands of rows and compiled for 16 ms to
-- answer in 0.1 ms (580 ms with inlining on the misestimated plan before 0192). A role setting rather than a
-- connection option: PgBouncer in transaction mode (README "Scaling out") refuses unknown startup options but
-- applies role settings to the server sessions it opens. An operator who wants JIT back: ALTER ROLE … RESET jit.
ALTER ROLE CURRENT_USER SET jit = off;
