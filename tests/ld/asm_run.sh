#!/bin/sh
# Linked programs run under glyph-run and print what they should: calls,
# returns and tail calls across objects, a color-3 function with its own
# data, the color policy enforced from the note, and a program linked
# against crt0 + the runtime archive (printf).
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/ld/_lib.sh"
. "$GLYPH_SRC/tests/ld/_asm.sh"
need_as
command -v glyph-run >/dev/null 2>&1 || skip_all "glyph-run not built in $GLYPH_BUILD: linked programs cannot be run"
write_sources || { not_ok "assemble the test sources"; finish; }

NL='
'
run glyph-ld -o prog main.o greet.o finish.o vault.o
expect_eq "link" 0 "$STATUS"
run glyph-run ./prog
expect_eq "call, tail call, colored function: output" "hello${NL}hello${NL}secret" "$OUT"
expect_eq "exit status from a0 via tail finish" 7 "$STATUS"

run glyph-ld -o deny_read --color-deny-read=0:3 main.o greet.o finish.o vault.o
run glyph-run ./deny_read
expect_eq "deny read 0 -> 3: color-3 code still reads its own data" "hello${NL}hello${NL}secret" "$OUT"
expect_match "deny read 0 -> 3: color-0 code reading the secret faults" "capability fault" "$ERR"
expect_eq "deny read 0 -> 3: not the normal exit" 1 $(( STATUS != 7 && STATUS != 0 ))

run glyph-ld -o deny_exec --color-deny-exec=3 main.o greet.o finish.o vault.o
run glyph-run ./deny_exec
expect_eq "deny exec 3: stops at the call into the vault" "hello${NL}hello" "$OUT"
expect_match "deny exec 3: capability fault" "capability fault" "$ERR"

printf 'deny read all -> 3\nallow read 3 -> 3\n' > vault.policy
run glyph-ld -o pol --color-policy=vault.policy main.o greet.o finish.o vault.o
run glyph-run ./pol
expect_match "policy file: enforced the same way" "capability fault" "$ERR"

ar rcs libg.a greet.o finish.o vault.o
run glyph-ld -o prog2 --gc-sections main.o -L. -lg
run glyph-run ./prog2
expect_eq "archive + --gc-sections program runs" "7|hello${NL}hello${NL}secret" "$STATUS|$OUT"

# crt0 + libgrt from the runtime sources
ok_rt=1
for f in "$GLYPH_SRC"/runtime/*.s; do
    glyph-as -o "rt_$(basename "$f" .s).o" "$f" 2>/dev/null || ok_rt=0
done
if [ "$ok_rt" = 1 ] && [ -f rt_crt0.o ]; then
    ar rcs libgrt.a $(ls rt_*.o | grep -v rt_crt0.o)
    cat > hello.s <<'S'
    .text
    .globl main
main:
    addi.i64 sp, -64
    store.i64 ra, 0(sp)
    la a0, fmt
    li a1, 42
    call printf
    load.i64 ra, 0(sp)
    addi.i64 sp, 64
    li a0, 3
    ret
    .rodata
fmt: .string "answer %d\n"
S
    glyph-as -o hello.o hello.s
    run glyph-ld -o hello rt_crt0.o hello.o -L. -lgrt
    expect_eq "link against crt0 and libgrt.a" "0:" "$STATUS:$ERR"
    run glyph-run ./hello
    expect_eq "printf from the runtime archive" "3|answer 42" "$STATUS|$OUT"
else
    skip "runtime/*.s do not all assemble yet"
fi
finish
