#!/usr/bin/env bash
# Speed and memory benchmark: builds the corpus (once), runs the per-process
# driver (peak RSS, goals), then the Go benchmarks (MB/s, files/s, allocations).
#
#   bash bench/run.sh                # 3 rounds
#   ROUNDS=5 bash bench/run.sh
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."   # the repository root
rounds="${ROUNDS:-3}"
export LMICHECK_CORPUS="$PWD/bench/corpus"

bash bench/corpus.sh

echo
echo "== driver: ${rounds} rounds, one child process per measurement =="
mkdir -p bench/out
go run ./bench/cmd/lmibench -driver -corpus "$LMICHECK_CORPUS" -rounds "$rounds" \
  -out "bench/out/driver-$(date -u +%Y%m%dT%H%M%SZ).jsonl"

if [[ -d "$LMICHECK_CORPUS/python" ]]; then
  echo
  echo "== driver, Python corpus only (bench/corpus/python): ${rounds} rounds =="
  go run ./bench/cmd/lmibench -driver -corpus "$LMICHECK_CORPUS/python" -rounds "$rounds" \
    -out "bench/out/driver-python-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
fi

echo
echo "== go test -bench =="
go test -run='^$' -bench=. -benchmem -timeout=0 ./bench/
