#!/bin/bash
# usage: run.sh variant
cd /work/main/packages/service-kit
VARIANT=$1 LOG_LEVEL=${LOG_LEVEL:-info} taskset -c 0 node --import tsx scratch/bisect-server.ts > /tmp/bisect-$1.log 2>&1 &
pid=$!
for i in $(seq 1 100); do curl -s localhost:4999/health >/dev/null && break; sleep 0.2; done
taskset -c 1 npx autocannon -c 10 -d 3 localhost:4999/health >/dev/null 2>&1
taskset -c 1 npx autocannon -c 10 -d 5 -j localhost:4999/health 2>/dev/null | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);console.log(process.argv[1], Math.round(j.requests.average), "req/s", "non2xx", j.non2xx)})' $1
kill $pid; wait $pid 2>/dev/null
