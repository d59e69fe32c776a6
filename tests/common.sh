# common.sh - sourced by tests/*/*.sh.  Each check prints one TAP line;
# `finish` prints the plan (1..N) and exits non-zero if any failed.
# tests/run.py counts the lines and fails a test whose count differs
# from its plan (say, a check run in a subshell, or an early exit).
#
#   . "$GLYPH_SRC/tests/common.sh"
#   run glyph-as -o x.o x.s        # sets OUT, ERR, STATUS
#   expect_eq "exit status" 0 "$STATUS"
#   finish
set -u
: "${GLYPH_SRC:?run tests through tests/run.py}"
: "${GLYPH_BUILD:?run tests through tests/run.py}"
PATH="$GLYPH_BUILD/bin:$PATH"
T_N=0
T_FAILED=0

ok() { T_N=$((T_N + 1)); echo "ok $T_N - $1"; }

# not_ok DESC [DETAIL...]: a failure, with detail lines as TAP comments.
not_ok() {
    T_N=$((T_N + 1)); T_FAILED=$((T_FAILED + 1))
    echo "not ok $T_N - $1"; shift
    for d in "$@"; do printf '%s\n' "$d" | sed 's/^/#   /'; done
}

skip() { T_N=$((T_N + 1)); echo "ok $T_N # SKIP $1"; }

# skip_all WHY: the whole test cannot run here (exit status 77).
skip_all() { echo "1..0 # SKIP $1"; exit 77; }

# run CMD...: capture stdout in $OUT, stderr in $ERR, status in $STATUS.
run() {
    "$@" >"$TMPDIR/.out" 2>"$TMPDIR/.err"
    STATUS=$?
    OUT=$(cat "$TMPDIR/.out")
    ERR=$(cat "$TMPDIR/.err")
}

# check DESC CMD...: passes when CMD exits 0.
check() {
    d=$1; shift
    if "$@" >"$TMPDIR/.chk" 2>&1; then ok "$d"; else not_ok "$d" "failed: $*" "$(tail -20 "$TMPDIR/.chk")"; fi
}

expect_eq() {
    if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "want: $2" "got:  $3"; fi
}

# expect_match DESC REGEX TEXT (grep -E).  A REGEX of several lines
# wants consecutive lines of TEXT, each matching its line of REGEX (grep
# alone would take each line as a pattern of its own, any one enough).
expect_match() {
    case "$2" in
    *?"$NL"?*) _match_lines "$2" "$3" ;;
    *) printf '%s\n' "$3" | grep -Eq -- "$2" ;;
    esac
    if [ $? = 0 ]; then ok "$1"; else not_ok "$1" "want match: $2" "got: $3"; fi
}
NL='
'
_match_lines() (
    # a newline at either end of the pattern only says "whole lines"
    pat=${1#"$NL"}
    pat=${pat%"$NL"}
    set -- "$pat" "$2"
    case "$1" in *"$NL"*) ;; *) printf '%s\n' "$2" | grep -Eq -- "$1"; exit ;; esac
    first=${1%%"$NL"*}
    for at in $(printf '%s\n' "$2" | grep -En -- "$first" | cut -d: -f1); do
        rest=${1#*"$NL"} i=$at m=1
        while [ "$m" = 1 ]; do
            p=${rest%%"$NL"*}
            i=$((i + 1))
            printf '%s\n' "$2" | sed -n "${i}p" | grep -Eq -- "$p" || m=0
            case "$rest" in *"$NL"*) rest=${rest#*"$NL"} ;; *) break ;; esac
        done
        [ "$m" = 1 ] && exit 0
    done
    exit 1
)

# expect_no_file DESC PATH
expect_no_file() {
    if [ -e "$2" ]; then not_ok "$1" "$2 exists"; else ok "$1"; fi
}

finish() { echo "1..$T_N"; [ "$T_FAILED" -eq 0 ]; exit $?; }
