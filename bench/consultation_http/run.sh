#!/usr/bin/env bash
# Load benchmark of the public comment intake: PostgreSQL, gunicorn on 127.0.0.1, wrk as a bounded
# (closed-loop, fixed connections) load generator, then a count of the rows that landed.
#
#   bench/consultation_http/run.sh                       # defaults below
#   WORKERS=3 THREADS=1 CLASS=sync CONNECTIONS=16 DURATION=30 bench/consultation_http/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
DB=${DB:-consult_bench}
PORT=${PORT:-8765}
WORKERS=${WORKERS:-3}
CLASS=${CLASS:-gthread}
THREADS=${THREADS:-8}
CONNECTIONS=${CONNECTIONS:-64}
WRK_THREADS=${WRK_THREADS:-1}
DURATION=${DURATION:-30}
RUN=${RUN:-r$(date +%s)}
APP=${APP:-danvan.consultation.fastpath:application}  # or danvan.wsgi (the full middleware stack)
PG=postgres://postgres@127.0.0.1:5432

psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || true
psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $DB" >/dev/null
export DATABASE_URL=$PG/$DB
INFO=$(.venv/bin/python -m bench.consultation_http.setup_db)
DRAFT=$(echo "$INFO" | .venv/bin/python -c "import json,sys; print(json.load(sys.stdin)['draft_id'])")
PROVISION=$(echo "$INFO" | .venv/bin/python -c "import json,sys; print(json.load(sys.stdin)['provision_id'])")

# Keep-alive connections stay with the worker that accepted them; without a cap per worker, one worker can
# take most of them and the run is bound by that one process (seen: half the rate in some runs).
# One address sends everything here, so the per-address limit is off for the run (it is a load test,
# not a citizen); the limit itself is tested in danvan/consultation/tests/test_views.py.
DANVAN_CONSULTATION_RATE=0/60 DANVAN_LOG_LEVEL=ERROR DANVAN_DB_CONN_MAX_AGE=600 \
  .venv/bin/gunicorn "$APP" -b 127.0.0.1:$PORT -w "$WORKERS" -k "$CLASS" --threads "$THREADS" \
  --worker-connections "$(( (CONNECTIONS + WORKERS - 1) / WORKERS + 2 ))" \
  --keep-alive 30 --backlog 2048 --log-level warning >var/consultation-bench-gunicorn.log 2>&1 &
GUNICORN=$!
trap 'kill $GUNICORN 2>/dev/null || true; wait $GUNICORN 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -s -o /dev/null "http://127.0.0.1:$PORT/gop-y/" && break
  sleep 0.2
done
# Warm every worker (imports, connections, the draft cache) before measuring.
DRAFT=$DRAFT PROVISION=$PROVISION RUN=${RUN}w wrk -t1 -c"$CONNECTIONS" -d3s -s bench/consultation_http/post.lua \
  "http://127.0.0.1:$PORT" >/dev/null
echo "app: $APP; gunicorn: $WORKERS x $CLASS threads=$THREADS; wrk: $CONNECTIONS connections, ${DURATION}s; nproc=$(nproc); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
OUT=$(DRAFT=$DRAFT PROVISION=$PROVISION RUN=$RUN wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s \
  --latency -s bench/consultation_http/post.lua "http://127.0.0.1:$PORT")
echo "$OUT" | grep -E "Latency|Requests/sec|Socket errors|Non-2xx" || true
RESULT=$(echo "$OUT" | grep '^RESULT' | sed 's/^RESULT //')
ROWS=$(psql -At -h 127.0.0.1 -U postgres -d "$DB" -c \
  "SELECT count(*) FROM consultation_comment WHERE dedupe_key LIKE 'c:${RUN}-%'")
echo "$RESULT" | .venv/bin/python -c "
import json, sys
r = json.load(sys.stdin); r['rows_in_database'] = $ROWS
# Rows beyond the acknowledged ones are requests in flight when wrk stopped: stored, answer not read.
r['stored_not_acknowledged'] = max(0, $ROWS - r['created_201'])
r['lost'] = max(0, r['created_201'] - $ROWS)
print(json.dumps(r, indent=1))"
