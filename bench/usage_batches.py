"""Prints usage batches for bench/usage.lua: "token<TAB>body" lines. Mode "single": one event per line; mode
"batch" (or any other name): 100 events per line; a name starting with "single" (single1, ...) also has one event per line. Every event id is unique within the file, so a second pass over the same file is an
exact replay. Tokens (one per line in TOKENS_FILE) are used in turn, spreading the load over several companies."""

import json
import sys
import time

tokens_file, mode, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
tokens = [line.strip() for line in open(tokens_file) if line.strip()]
size = 1 if mode.startswith("single") else 100
now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 60))
stamp = int(time.time())
out = sys.stdout
for index in range(count):
    events = [{"id": f"{mode}-{stamp}-{index}-{n}", "metric": "assistant_minutes", "quantity": "1.5",
               "occurred_at": now} for n in range(size)]
    out.write(f"{tokens[index % len(tokens)]}\t{json.dumps({'events': events}, separators=(',', ':'))}\n")
