#!/bin/bash
# usage: prof.sh variant url  [patterns]
cd /work/main/packages/service-kit
rm -rf /tmp/cpuprof
VARIANT=$1 taskset -c 0 node --cpu-prof --cpu-prof-dir=/tmp/cpuprof --import tsx scratch/bisect-server.ts > /tmp/b.log 2>&1 &
for i in $(seq 1 100); do curl -s localhost:4999/health >/dev/null && break; sleep 0.2; done
taskset -c 1 npx autocannon -c 10 -d 6 localhost:4999/health > /dev/null 2>&1
pkill -INT -f bisect-server; sleep 2
shift
node /tmp/prof.js /tmp/cpuprof/*.cpuprofile "$@"
