# proc.sh - fork, execve (of a glyph program and of a host one), waitpid
# and SIGCHLD (tests/runtime/proc.s): exit statuses and signals as the
# parent sees them, and the --strace lines of the calls.
. "$GLYPH_SRC/tests/runtime/_build.sh"
build_check proc "$TESTS/proc.s"
run glyph-run ./proc
expect_eq "parent exits 0" 0 "$STATUS"
for line in "child-exited 1" "exit-status 7" "killed-by-signal 15" "segv-signal 11" \
            "exec-status 5" "exec-child says hello" "host echo" "host-status 0" \
            "exec-enoent-errno 2" "echild-errno 10" "sigchld-seen 1"; do
    expect_match "output: $line" "^$line\$" "$OUT"
done
expect_match "the faulting child's report" '^glyph-run: \./proc: segmentation fault: load from unmapped address 0x0 ' "$ERR"
run glyph-run --strace ./proc
expect_match "strace: clone as fork" '^clone\(SIGCHLD, NULL, NULL, NULL, NULL\) = [1-9][0-9]*$' "$ERR"
expect_match "strace: wait4 exit status" '^wait4\([0-9]+, \[\{WIFEXITED\(s\) && WEXITSTATUS\(s\) == 7\}\], 0, NULL\) = [0-9]+$' "$ERR"
expect_match "strace: wait4 signal" '^wait4\([0-9]+, \[\{WIFSIGNALED\(s\) && WTERMSIG\(s\) == SIGSEGV\}\], 0, NULL\) = [0-9]+$' "$ERR"
expect_match "strace: execve argv" '^execve\("\./proc", \["\./proc", "exec-child", "hello"\], 0x[0-9a-f]+\) = \?$' "$ERR"
expect_match "strace: the exec'd glyph program is traced too" '^write\(1, "exec-child says hello\\n", 22\) = 22$' "$ERR"
expect_match "strace: failed execve" '^execve\("\./no-such-program", .*\) = -1 ENOENT' "$ERR"
# a glyph program killed by a signal ends its glyph-run by that signal,
# so any parent sees WIFSIGNALED (Python: a negative return code)
run python3 -c 'import subprocess, sys; print(subprocess.run(sys.argv[1:], stderr=subprocess.DEVNULL).returncode)' glyph-run ./proc crash
expect_eq "a fault kills glyph-run with SIGSEGV" -11 "$OUT"
expect_no_file "no core file" core
finish
