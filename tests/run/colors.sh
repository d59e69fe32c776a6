# colors.sh - the capability extension in user mode: the NT_GLYPH_COLORS
# note programs colorread/colorwrite/colorexec and the color matrix; a
# forbidden load, store, fetch or constant read is a capability fault
# naming both colors (exit like SIGSEGV); syscalls get -EFAULT.
# Segments: .text 0x10000 (color 0), .const 0x11000, then the rest.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/run/_emu.sh"

crash() {
    run glyph-run "./$1"
    expect_eq "$1: exit status" "$2" "$STATUS"
    expect_match "$1: report" "$3" "$ERR"
}

# color-0 code may not read color 2 (matrix row 0 lacks bit 2)
mk read_denied <<'EOF' && crash read_denied 139 '^glyph-run: \./read_denied: capability fault: load from address 0x12000 of data color 2 by code color 0 at pc=0x10002 ib=0x11000$'
.policy 0xffff 0xffff 0xffff
.matread 0 0xfffb
.text
    lea.i64 s0, ib32(0)(pc)
    load.i64 a0, 0(s0)
.const
    .long secret - 0x10000
.seg secret rw 2
secret: .quad 42
EOF

mk write_denied <<'EOF' && crash write_denied 139 'capability fault: store to address 0x12008 of data color 2 by code color 0 at pc=0x10004 '
.policy 0xffff 0xffff 0xffff
.matwrite 0 0xfffb
.text
    lea.i64 s0, ib32(0)(pc)
    load.i64 a0, 8(s0)
    store.i32 a0, 8(s0)
.const
    .long secret - 0x10000
.seg secret rw 2
secret: .quad 42
    .quad 43
EOF

# colorread clear for color 2: nobody reads it, whatever the matrix says
mk colorread_clear <<'EOF' && crash colorread_clear 139 'capability fault: load from address 0x12000 of data color 2 by code color 0 '
.policy 0xfffb 0xffff 0xffff
.text
    lea.i64 s0, ib32(0)(pc)
    load.u8 a0, 0(s0)
.const
    .long secret - 0x10000
.seg secret rw 2
secret: .quad 42
EOF

# the matrix: color-1 code (vault) may read color 2; color-0 main may not.
# main jumps to the vault, which loads the secret and exits with it.
mk vault <<'EOF'
.policy 0xffff 0xffff 0xffff
.matread 0 0xfffb
.text
j1: j.i64 ib64(0)
.const
    .lanes vault - j1, vconst - 0x11000
    .align 64
vconst: .long secret - v1
.seg vault rx 1
vault: movi.i64 a0, 0
v1: lea.i64 s0, ib32(0)(pc)
    load.i64 a0, 0(s0)
    movi.i64.w t0, 93
    syscall
.seg secret rw 2
secret: .quad 42
EOF
run glyph-run ./vault
expect_eq "matrix: color-1 code reads color 2" 42 "$STATUS"

# colorexec: color-1 pages may not run
mk exec_denied <<'EOF' && crash exec_denied 139 'capability fault: execute from address 0x12000 of color 1 by code color 0 \(colorexec\) at pc=0x12000 ib=0x11000$'
.policy 0xffff 0xffff 0xfffd
.text
j1: j.i64 ib64(0)
.const
    .lanes vault - j1, 0
.seg vault rx 1
vault: movi.i64 a0, 0
    break 0
EOF

# a fetch fault names both colors: here color-3 code runs off its page
# into a color-1 page (the source is the code that ran, not main's 0)
mk exec_fallthrough <<'EOF' && crash exec_fallthrough 139 'capability fault: execute from address 0x13000 of color 1 by code color 3 \(colorexec\) at pc=0x13000 ib=0x11000$'
.policy 0xffff 0xffff 0xfffd
.text
j1: j.i64 ib64(0)
.const
    .lanes edge - j1, 0
.seg a rx 3
    .zero 4094
edge: nop
.seg b rx 1
    break 0
EOF

# constants are loads too: an immediate block on a forbidden page faults
mk const_denied <<'EOF' && crash const_denied 139 'capability fault: load from address 0x12000 of data color 2 by code color 0 at pc=0x10002 ib=0x12000$'
.policy 0xffff 0xffff 0xffff
.matread 0 0xfffb
.text
j1: j.i64 ib64(0)
    movq.i64 a0, ib64(0)
.const
    .lanes 2, 0x1000
.seg cblk r 2
    .quad 7
EOF

# a syscall may not hand forbidden memory to the kernel: -EFAULT
mk write_syscall <<'EOF'
.policy 0xffff 0xffff 0xffff
.matread 0 0xfffb
.text
    movi.i64 a0, 1
    lea.i64 a1, ib32(0)(pc)
    movi.i64 a2, 6
    movi.i64.w t0, 64
    syscall
    movi.i64.w t0, 93
    syscall
.const
    .long secret - 0x10002
.seg secret rw 2
secret: .string "hush!"
EOF
run glyph-run ./write_syscall
expect_eq "write() of a forbidden buffer: -EFAULT" 242 "$STATUS"
expect_eq "write() of a forbidden buffer: nothing written" "" "$OUT"

# without a policy note everything is allowed, colored pages or not
mk no_policy <<'EOF'
.text
    lea.i64 s0, ib32(0)(pc)
    load.i64 a0, 0(s0)
    movi.i64.w t0, 93
    syscall
.const
    .long secret - 0x10000
.seg secret rw 2
secret: .quad 42
EOF
run glyph-run ./no_policy
expect_eq "no policy note: colors are not checked" 42 "$STATUS"

# one block of 60 allowed loads and a forbidden one, translated on its
# first run: the checked code's cold exits (four a load here) outgrew a
# table of 64, and the forbidden load's branch to its exit, never set,
# looped on itself
{
    printf '.policy 0xffff 0xffff 0xffff\n.matread 0 0xfffb\n.text\n'
    printf '    lea.i64 s0, ib32(0)(pc)\n    lea.i64 s1, ib32(1)(pc)\n'
    i=0
    while [ $i -lt 60 ]; do
        printf '    load.i64 a0, 0(s1)\n'
        i=$((i + 1))
    done
    printf '    load.i64 a0, 0(s0)\n    movi.i64.w t0, 93\n    syscall\n'
    printf '.const\n    .long secret - 0x10000\n    .long open - 0x10002\n'
    printf '.seg secret rw 2\nsecret: .quad 42\n.seg open rw 1\nopen: .quad 7\n'
} | mk many_loads && {
    run timeout 60 "$EMU" --jit-threshold=1 --stats ./many_loads
    expect_eq "61 checked loads in one translated block: the last one's fault" 139 "$STATUS"
    expect_match "... reported as the interpreter does" \
        '^glyph-run: \./many_loads: capability fault: load from address 0x12000 of data color 2 by code color 0 at pc=0x1007c ' "$ERR"
    [ "${GLYPH_NO_JIT:-0}" = 1 ] ||
        expect_match "... by the block's translation" 'jit: [1-9][0-9]* blocks translated.*, 0 fallback blocks' "$ERR"
}
finish
