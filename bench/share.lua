-- For bench/usage.lua and bench/webhook.lua: this wrk thread's share of a file of "key<TAB>body" lines (lines
-- me + 1, me + 1 + threads, ...), each formatted once as a POST with the headers that headers(key) gives, so that
-- request() only hands them out (the load generator shares the cores with the server).
return function(path, me, threads, headers)
    local requests = {}
    local line_number = 0
    for line in io.lines(path) do
        if line_number % threads == me then
            local tab = line:find("\t", 1, true)
            requests[#requests + 1] = wrk.format("POST", nil, headers(line:sub(1, tab - 1)), line:sub(tab + 1))
        end
        line_number = line_number + 1
    end
    return requests
end
