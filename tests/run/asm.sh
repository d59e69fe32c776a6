# asm.sh - programs written in real glyph assembly, built with glyph-as
# and glyph-ld (no runtime library), run by glyph-run: calls across
# immediate blocks, recursion, the 9-instruction tail call, la/li,
# colored sections with a linker color policy.  Skipped (77) when the
# assembler or linker has not been built.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/run/_emu.sh"

AS="$GLYPH_BUILD/bin/glyph-as"
LD="$GLYPH_BUILD/bin/glyph-ld"
[ -x "$AS" ] && [ -x "$LD" ] || skip_all "glyph-as/glyph-ld not built in $GLYPH_BUILD"

# build NAME [LD-ARGS...] < source
build() {
    name=$1
    shift
    cat > "$name.s"
    if "$AS" -o "$name.o" "$name.s" 2> "$name.err" && "$LD" -o "$name" "$name.o" "$@" 2>> "$name.err"; then
        return 0
    fi
    not_ok "$name: assemble and link" "$(cat "$name.err")"
    return 1
}

build calls <<'EOF'
    .text
    .globl _start
_start:
    li a0, 10
    call sum            # 55, recursively
    mov.i64 s0, a0
    li a0, 6
    call fact_tail      # 720, through two tail calls
    add.i64 a0, a0, s0  # 775
    li t1, 256
    rem.i64 a0, a0, t1  # 7
    li t0, 93
    syscall

    .globl sum
sum:
    li t0, 0
    cmp.eq.i64 a0, t0
    b 1f
    addi.i64 sp, -64
    store.i64 ra, 0(sp)
    store.i64 a0, 8(sp)
    addi.i64 a0, -1
    call sum
    load.i64 t0, 8(sp)
    add.i64 a0, a0, t0
    load.i64 ra, 0(sp)
    addi.i64 sp, 64
1:  ret

    .globl fact_tail
fact_tail:
    li a1, 1
    tail fact_acc

    .globl fact_acc
fact_acc:
    li t0, 1
    cmp.ge.i64 t0, a0
    b 1f
    mul.i64 a1, a1, a0
    addi.i64 a0, -1
    tail fact_acc
1:  mov.i64 a0, a1
    ret
EOF
run glyph-run ./calls
expect_eq "calls, recursion, tail calls: (55 + 720) % 256" 7 "$STATUS"

build hello <<'EOF'
    .text
    .globl _start
_start:
    li a0, 1
    la a1, msg
    li a2, msg_end - msg
    li t0, 64
    syscall
    li t0, 0x123456789
    li t1, 0x123456780
    sub.i64 a0, t0, t1
    li t0, 93
    syscall
    .rodata
msg: .string "hello from glyph-as\n"
msg_end:
EOF
run glyph-run ./hello
expect_eq "la/li: output" "hello from glyph-as" "$OUT"
expect_eq "li: 64-bit constants" 9 "$STATUS"

cat > policy.txt <<'EOF'
deny read 0 -> 3
EOF
build secret --color-policy policy.txt <<'EOF'
    .text
    .globl _start
_start:
    la s0, secret
    load.i64 a0, 0(s0)
    li t0, 93
    syscall
    .section .data.secret, "aw", @progbits, color=3
secret: .quad 5
EOF
run glyph-run ./secret
expect_eq "color policy from glyph-ld: status" 139 "$STATUS"
expect_match "color policy from glyph-ld: capability fault" 'capability fault: load from address 0x[0-9a-f]+ of data color 3 by code color 0 at pc=' "$ERR"
# An entry function with no constants has an empty immediate block:
# the linker keeps its label 64-byte aligned and the loader starts it.
if build noconst <<'EOF'
    .text
    .globl _start
_start:
    movi.i64 a0, 7
    movi.i64.w t0, 93
    syscall
EOF
then
    ib=$(readelf -sW noconst | awk '$8 == "_start.const" { print $2 }')
    expect_eq "empty entry block is 64-byte aligned" 0 "$(( 0x$ib % 64 ))"
    run glyph-run noconst
    expect_eq "entry function without constants runs" "7|" "$STATUS|$ERR"
fi

finish
