#!/usr/bin/env bash
# Start-up time as docs/performance.md reports it: from starting `./blindrelay client` to its line
# "[CLIENT] Type a message", against a relay that is already running, and `./blindrelay --help` until it
# exits. Two client runs first, not counted: the first writes the class-data archive the later ones map.
#
# Usage: benchmarks/startup-time.sh [RUNS]      (default 5; BLINDRELAY_JAVA picks the JDK, as for the launcher)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BR="$ROOT/blindrelay"
RUNS="${1:-5}"
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "error: RUNS must be a positive number, got '$RUNS'" >&2; exit 2; }

"$BR" --help >/dev/null # builds the jar first, if it must, outside the measurement

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 30000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
  echo "error: found no free port" >&2
  exit 1
}

PORT="$(free_port)"
"$BR" server --host 127.0.0.1 --port "$PORT" >/dev/null 2>&1 &
RELAY=$!
trap 'kill "$RELAY" 2>/dev/null || true' EXIT
until (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; do
  kill -0 "$RELAY" 2>/dev/null || { echo "error: the relay did not start" >&2; exit 1; }
  sleep 0.1
done

now() { date +%s%N; }

# Milliseconds from the launch to the prompt line; the input side waits for that line, notes the time,
# then types /exit, so every client leaves cleanly.
to_prompt() {
  local out t0 found=""
  out="$(mktemp)"
  t0="$(now)"
  {
    for _ in $(seq 1 10000); do
      if grep -q 'Type a message' "$out"; then found=1; break; fi
      sleep 0.002
    done
    [ -n "$found" ] && now >"$out.t"
    echo /exit
  } | "$BR" client --host 127.0.0.1 --port "$PORT" --name "startup$1" >"$out" 2>&1 || true
  if [ ! -f "$out.t" ]; then
    echo "error: the client never showed its prompt; its output:" >&2
    cat "$out" >&2
    exit 1
  fi
  echo $((($(cat "$out.t") - t0) / 1000000))
  rm -f "$out" "$out.t"
}

help_time() {
  local t0
  t0="$(now)"
  "$BR" --help >/dev/null
  echo $((($(now) - t0) / 1000000))
}

median() { tr ' ' '\n' | grep . | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

to_prompt warm1 >/dev/null
to_prompt warm2 >/dev/null
prompt=""
help=""
for i in $(seq 1 "$RUNS"); do prompt="$prompt $(to_prompt "$i")"; done
for _ in $(seq 1 "$RUNS"); do help="$help $(help_time)"; done
echo "client start-up to the prompt (ms):$prompt   median $(echo "$prompt" | median)"
echo "--help (ms):$help   median $(echo "$help" | median)"
