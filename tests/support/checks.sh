# shellcheck shell=bash
# TAP-style checks shared by the shell end-to-end tests. Source it (bash), then:
#
#   report OK NAME [DETAILS]     one "ok N - NAME" / "not ok N - NAME" line (OK is 1 or 0);
#                                DETAILS are printed indented under a failure
#   expect NAME EXPECTED ACTUAL  exact text; a failure shows the diff
#   expect_line NAME LINE TEXT   TEXT holds LINE as one whole line (fixed string)
#   poll NAME EXPECTED CMD...    reruns CMD until its stdout is EXPECTED or $POLL_SECONDS
#                                (default 60) pass, then compares: streaming results arrive
#                                eventually
#   checks_summary               prints "N checks, M failed"; returns non-zero when M > 0
checks=0
failures=0

report() {
  checks=$((checks + 1))
  if [ "$1" = 1 ]; then
    echo "ok $checks - $2"
  else
    failures=$((failures + 1))
    echo "not ok $checks - $2"
    [ -z "${3:-}" ] || printf '%s\n' "$3" | head -40 | sed 's/^/    /'
  fi
}

expect() {
  if [ "$2" == "$3" ]; then
    report 1 "$1"
  else
    report 0 "$1" "$(diff <(printf '%s\n' "$2") <(printf '%s\n' "$3") | sed -n '2,$p' || true)"
  fi
}

expect_line() {
  if grep -qxF -- "$2" <<<"$3"; then
    report 1 "$1"
  else
    report 0 "$1" "no line \"$2\" in:
$3"
  fi
}

poll() {
  local name=$1 want=$2 got=""
  shift 2
  local deadline=$((SECONDS + ${POLL_SECONDS:-60}))
  while :; do
    got=$("$@" 2>&1 || true)
    [ "$got" == "$want" ] && break
    [ "$SECONDS" -ge "$deadline" ] && break
    sleep 0.1
  done
  expect "$name" "$want" "$got"
}

checks_summary() {
  echo "$checks checks, $failures failed"
  [ "$failures" -eq 0 ]
}
