#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, with clang, into ./build-fuzz), replays
# every input in fuzz/regressions/<target>/, then fuzzes each target for
# SECONDS (default 60) from its seed corpus in fuzz/corpus/<target>/, and
# prints exec/s and coverage per target. Exits non-zero on a crash, a leak,
# a timeout or an out-of-memory, and leaves the input that caused it in
# build-fuzz/findings/<target>/ (copy it to fuzz/regressions/<target>/ once
# the bug is fixed).
#
#   scripts/fuzz.sh [SECONDS]
#
# PODIUM_FUZZ_BUILD_DIR (default ./build-fuzz) and PODIUM_FUZZ_TARGETS (a
# space-separated subset) change where and what.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-60}"
build="${PODIUM_FUZZ_BUILD_DIR:-$root/build-fuzz}"

"$root/scripts/install-deps.sh" "$root/packaging/fuzz-deps.txt"

# Configured once with clang; a later run only rebuilds what changed.
if [[ ! -f "$build/CMakeCache.txt" ]]; then
    CC=clang CXX=clang++ cmake -S "$root/fuzz" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
cmake --build "$build" --parallel "$(nproc)"

targets=()
if [[ -n "${PODIUM_FUZZ_TARGETS:-}" ]]; then
    read -r -a targets <<<"$PODIUM_FUZZ_TARGETS"
else
    for exe in "$build"/fuzz_*; do
        [[ -x "$exe" && -f "$exe" ]] && targets+=("$(basename "$exe")")
    done
fi
if [[ ${#targets[@]} -eq 0 ]]; then
    echo "fuzz: no targets were built" >&2
    exit 1
fi

export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:allocator_may_return_null=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export QT_QPA_PLATFORM=offscreen

# One process, one job: libFuzzer fuzzes in-process unless -jobs/-workers ask
# for more, so each target has one core and CI stays within its budget.
common=(-rss_limit_mb=2048 -timeout=10 -print_final_stats=1)

failed=()
summary=()
for target in "${targets[@]}"; do
    exe="$build/$target"
    corpus="$root/fuzz/corpus/$target"
    regressions="$root/fuzz/regressions/$target"
    findings="$build/findings/$target"
    work="$build/corpus/$target" # what this machine's runs have learned
    mkdir -p "$findings" "$work"
    dict=()
    case "$target" in
        fuzz_wsreader) dict=(-dict="$root/fuzz/dict/ws.dict") ;;
        fuzz_socketio) dict=(-dict="$root/fuzz/dict/sio.dict") ;;
        fuzz_engine) dict=(-dict="$root/fuzz/dict/json.dict") ;;
        fuzz_csvimport) dict=(-dict="$root/fuzz/dict/csv.dict") ;;
        fuzz_httpframing) dict=(-dict="$root/fuzz/dict/http.dict") ;;
    esac
    [[ ${#dict[@]} -gt 0 && ! -f "${dict[0]#-dict=}" ]] && dict=()

    # Every input that once crashed, first: a fix that regressed fails here.
    if [[ -d "$regressions" ]] && compgen -G "$regressions/*" >/dev/null; then
        echo "== $target: replaying $(find "$regressions" -type f | wc -l) regression inputs"
        if ! "$exe" -runs=1 "${common[@]:0:2}" "$regressions"/* >"$findings/regressions.log" 2>&1; then
            tail -n 40 "$findings/regressions.log" >&2
            echo "fuzz: $target fails on a regression input (log: $findings/regressions.log)" >&2
            failed+=("$target")
            continue
        fi
    fi

    echo "== $target: fuzzing for $seconds s"
    log="$findings/fuzz.log"
    seeds=("$work")
    [[ -d "$corpus" ]] && seeds+=("$corpus")
    status=0
    (cd "$findings" && "$exe" "${common[@]}" "${dict[@]}" -max_total_time="$seconds" \
        -artifact_prefix="$findings/" "${seeds[@]}") >"$log" 2>&1 || status=$?
    # libFuzzer's last status line: "#N DONE cov: C ft: F corp: ... exec/s: E".
    done_line="$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)"
    cov="$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$done_line")"
    ft="$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$done_line")"
    corp="$(sed -nE 's/.* corp: ([0-9]+)\/.*/\1/p' <<<"$done_line")"
    execs="$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+)/\1/p' "$log" | tail -n 1)"
    rate="$(sed -nE 's/^stat::average_exec_per_sec: *([0-9]+)/\1/p' "$log" | tail -n 1)"
    line="$(printf '%-18s %10s runs %8s exec/s  cov %6s  ft %6s  corpus %5s' "$target" "${execs:-?}" \
        "${rate:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}")"
    if [[ $status -ne 0 ]]; then
        tail -n 60 "$log" >&2
        echo "fuzz: $target found a crash (exit $status); input and log in $findings/" >&2
        failed+=("$target")
        line+="  FAILED"
    fi
    echo "$line"
    summary+=("$line")
done

echo
echo "== fuzz summary ($seconds s per target, $(nproc) cores, clang $(clang++ -dumpversion))"
printf '%s\n' "${summary[@]}"
if [[ ${#failed[@]} -gt 0 ]]; then
    echo "fuzz: failed: ${failed[*]}" >&2
    exit 1
fi
