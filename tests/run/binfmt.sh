# binfmt.sh - glyph-run --binfmt=install registers glyph executables with
# binfmt_misc; a glyph program then runs directly with argv intact.
# Needs root and binfmt_misc: otherwise the whole test is skipped (77)
# with the reason.  The entry has a unique name and is always removed.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/run/_emu.sh"

[ "$(id -u)" = 0 ] || skip_all "binfmt_misc registration needs root"
if [ ! -e /proc/sys/fs/binfmt_misc/register ]; then
    mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc 2>/dev/null ||
        skip_all "binfmt_misc is not mounted and cannot be mounted here"
    [ -e /proc/sys/fs/binfmt_misc/register ] || skip_all "binfmt_misc is not available"
fi
NAME="glyph-test-$$"
trap '"$EMU" --binfmt=remove --binfmt-name "$NAME" >/dev/null 2>&1' EXIT

run glyph-run --binfmt=install --binfmt-name "$NAME"
expect_eq "install: status" 0 "$STATUS"
expect_match "install: names the interpreter" "registered binfmt_misc entry '$NAME': interpreter /.*glyph-run, flags PF" "$OUT"
run glyph-run --binfmt=status --binfmt-name "$NAME"
expect_match "status: enabled" '^  enabled$' "$OUT"
expect_match "status: magic covers ET_EXEC and EM_GLYPH" '^  magic 7f454c4602010100000000000000000002006c67$' "$OUT"
expect_match "status: flags" '^  flags: PF$' "$OUT"

# a program that prints argv, one per line, and exits with argc
cat > args.s <<'EOF'
.text
_start:
    load.i64 s0, 0(sp)
    mov.i64 s1, sp
    addi.i64 s1, 8
next: load.i64 s2, 0(s1)
    movi.i64 t0, 0
    cmp.eq.i64 s2, t0
    b end
    mov.i64 a1, s2
    mov.i64 a2, s2
len: load.u8 t0, 0(a2)
    movi.i64 a0, 0
    cmp.eq.i64 t0, a0
    b have
    addi.i64 a2, 1
    j len
have: sub.i64 a2, a2, a1
    movi.i64 a0, 1
    movi.i64.w t0, 64
    syscall
    movi.i64 a0, 1
nl_l: lea.i64 a1, ib32(0)(pc)
    movi.i64 a2, 1
    movi.i64.w t0, 64
    syscall
    addi.i64 s1, 8
    j next
end: mov.i64 a0, s0
    movi.i64.w t0, 93
    syscall
.const
    .long nl - nl_l
.rodata
nl: .string "\n"
EOF
"$MKEXE" -o prog args.s
chmod +x prog
run ./prog one "two words"
expect_eq "direct execution: argv intact" "./prog
one
two words" "$OUT"
expect_eq "direct execution: exit status" 3 "$STATUS"
run python3 -c 'import os; os.execv("./prog", ["custom-argv0", "x"])'
expect_eq "argv[0] is preserved (flag P)" "custom-argv0
x" "$OUT"

# without P the kernel gives the path as argv[0]; with O the program comes
# as an open descriptor (AT_EXECFD)
run glyph-run --binfmt=install --binfmt-name "$NAME" --binfmt-flags=F
expect_match "install F: flags" "flags F\$" "$OUT"
run python3 -c 'import os; os.execv("./prog", ["custom-argv0", "x"])'
expect_eq "flag F without P: argv[0] is the path" "./prog
x" "$OUT"
run glyph-run --binfmt=install --binfmt-name "$NAME" --binfmt-flags=POF
run glyph-run --binfmt=status --binfmt-name "$NAME"
expect_match "status: flags in force POF" '^  flags in force: POF$' "$OUT"
run ./prog via fd
expect_eq "flag O: the program read from AT_EXECFD" "./prog
via
fd" "$OUT"

run glyph-run --binfmt=remove --binfmt-name "$NAME"
expect_eq "remove: status" 0 "$STATUS"
run glyph-run --binfmt=status --binfmt-name "$NAME"
expect_eq "status after remove: not registered" "$NAME: not registered" "$OUT"
trap - EXIT
run glyph-run --binfmt=remove --binfmt-name "$NAME"
expect_match "remove twice: clear message" "entry '$NAME' is not registered" "$ERR"
run glyph-run --binfmt=bogus
expect_match "bad action: clear message" "unknown action 'bogus'" "$ERR"
run glyph-run --binfmt=install --binfmt-name "a/b"
expect_match "bad name: clear message" "bad name 'a/b'" "$ERR"
if command -v setpriv >/dev/null 2>&1; then
    run setpriv --reuid=65534 --regid=65534 --clear-groups "$EMU" --binfmt=install --binfmt-name "$NAME"
    expect_match "not root: clear message" 'needs root' "$ERR"
    expect_eq "not root: status" 1 "$STATUS"
fi
finish
