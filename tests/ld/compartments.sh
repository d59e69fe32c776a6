# compartments.sh - glyph-ld compartments: placement from .compartment,
# --compartment and policy lines (archive members too), the rules and
# their errors (all in one run), colors in sections and segments, the
# matrices in the note, default allow, the 16-color limit, determinism.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/ld/_lib.sh"
. "$GLYPH_SRC/tests/ld/_asm.sh"
need_as
NL='
'

# a(): calls b and c, reads b's table; b(): writes its counter;
# c(): reads c's constant; d is reached by nobody but kept (no gc).
cat > a.s <<'S'
    .text
    .globl _start
    .type _start, @function
_start:
    call b
    call c
    la t1, btab
    load.i64 a0, 0(t1)
    li t0, 93
    syscall
S
cat > b.s <<'S'
    .data
    .globl btab
btab: .quad 5
    .bss
bcount: .zero 8
    .text
    .globl b
    .type b, @function
b:
    la t1, bcount
    load.i64 t2, 0(t1)
    addi.i64 t2, 1
    store.i64 t2, 0(t1)
    ret
S
cat > c.s <<'S'
    .section .rodata
cval: .quad 7
    .text
    .globl c
    .type c, @function
c:
    la t1, cval
    load.i64 a0, 0(t1)
    ret
S
for f in a b c; do glyph-as -o $f.o $f.s || not_ok "assemble $f.s"; done
ar rcs libc3.a c.o

run glyph-ld -o p1 --print-compartments --compartment A=a.o --compartment B=b.o:.text,b.o:.data,b.o:.bss a.o b.o c.o
expect_eq "--compartment: links" 0 "$STATUS"
expect_match "needs: A calls B, reads and writes its data" 'A +-> B +read,write,call +[0-9]+ references, first a.o \(\.const\+0x[0-9a-f]+, function ._start.\)' "$OUT"
expect_match "needs: A calls default (c.o, unplaced)" 'A +-> default +call' "$OUT"
CA=$(printf '%s\n' "$OUT" | awk '$1 == "A" { print $2; exit }'); CB=$(printf '%s\n' "$OUT" | awk '$1 == "B" { print $2; exit }')
DB=$(printf '%s\n' "$OUT" | awk '$1 == "B" { print $3; exit }')
if [ -n "$CA" ] && [ -n "$CB" ] && [ "$CA" != "$CB" ]; then ok "A and B get different colors ($CA, $CB)"; else not_ok "A and B colors" "$OUT"; fi
expect_eq "B's code segment has B's code color" "RX $CB" "$(seg_of p1 "$(sym p1 b)")"
expect_eq "B's data segment has B's data color" "RW $DB" "$(seg_of p1 "$(sym p1 btab)")"
if command -v glyph-run >/dev/null 2>&1; then
    run glyph-run ./p1
    expect_eq "least privilege: the program runs (exit = b's table)" 5 "$STATUS"
else
    skip "glyph-run not built"
fi

# a policy line places an archive member; a rule forbids what c needs
printf 'compartment A a.o\ncompartment C libc3.a(c.o)\ndeny read A -> default\ndeny call A -> C\n' > pol1
run glyph-ld -o p2 --color-policy pol1 a.o b.o libc3.a
expect_eq "forbidden references: exit 1" 1 "$STATUS"
expect_match "forbidden call into the archive member's compartment" \
    "forbidden reference to 'c' in a.o \(\.text\+0x[0-9a-f]+ \`jal\.i64 ra, ib64\(1\)\`, function '_start'\): compartment 'A' may not call compartment 'C' \(pol1:4: deny call A -> C\)" "$ERR"
expect_eq "every forbidden reference, one line each (call vector lanes once)" 1 "$(printf '%s\n' "$ERR" | grep -c "may not call")"
expect_match "b.o is in the default compartment: the read of its table is forbidden too" \
    "forbidden reference to 'btab' .*compartment 'A' may not read compartment 'default' \(pol1:3" "$ERR"
expect_no_file "forbidden references: no output" p2

# a stateless archive member called from two compartments: one copy each
cat > b2.s <<'S'
    .text
    .globl b
    .type b, @function
b:
    addi.i64 sp, -64
    store.i64 ra, 0(sp)
    call c
    load.i64 ra, 0(sp)
    addi.i64 sp, 64
    ret
S
cat > a2.s <<'S'
    .text
    .globl _start
    .type _start, @function
_start:
    call b
    call c
    li t0, 93
    syscall
S
glyph-as -o b2.o b2.s
glyph-as -o a2.o a2.s
run glyph-ld -o p11 -M --compartment A=a2.o --compartment B=b2.o a2.o b2.o libc3.a
expect_eq "stateless member in two compartments: links" 0 "$STATUS"
expect_match "the map lists B's copy of the member" 'libc3\.a\(c\.o\)\[B\]\(\.text\)' "$OUT"
if printf '%s\n' "$OUT" | grep -Eq -- '-> runtime'; then not_ok "no call into runtime for c" "$OUT"; else ok "the copies need no call into another compartment"; fi
if command -v glyph-run >/dev/null 2>&1; then
    run glyph-run ./p11
    expect_eq "both copies run (exit = c's constant)" 7 "$STATUS"
fi

# "copy FILE": a stateful member copied too, each copy with its state
# (libgrt's system calls and errno): sort's write of "\n" from its own
# data then runs on its own color
SORTO="$GLYPH_BUILD/obj/examples/sort.o"
if [ -f "$SORTO" ] && command -v glyph-run >/dev/null 2>&1; then
    printf 'copy syscalls.o\n' > pol5
    run glyph-ld -o sortc -M --color-policy pol5 --compartment app=sort.o \
        "$GLYPH_BUILD/runtime/crt0.o" "$SORTO" -L"$GLYPH_BUILD/runtime" -lgrt
    expect_match "copy: app gets its own syscalls.o" 'libgrt\.a\(syscalls\.o\)\[app\]\(\.bss\)' "$OUT"
    expect_eq "copy: sort runs under least privilege" "a${NL}b" "$(printf 'b\na\n' | glyph-run ./sortc)"
else
    skip "examples/sort or glyph-run not built"
fi

# deny write narrows a data reference to read: not an error
printf 'compartment A a.o\ndeny write A -> default\n' > pol2
run glyph-ld -o p3 --color-policy pol2 a.o b.o c.o
expect_eq "deny write on data only read: links" 0 "$STATUS"

# default allow + isolate: only the isolated pair is kept apart
printf 'default allow\ncompartment A a.o\ncompartment B b.o\ncompartment C c.o\nisolate B C\n' > pol3
run glyph-ld -o p4 --print-compartments --color-policy pol3 a.o b.o c.o
expect_eq "default allow: links" 0 "$STATUS"
expect_match "default allow: few colors" 'Compartments \(default allow, [23] colors\)' "$OUT"
CB=$(printf '%s\n' "$OUT" | awk '$1 == "B" { print $2; exit }'); CC=$(printf '%s\n' "$OUT" | awk '$1 == "C" { print $2; exit }')
if [ "$CB" != "$CC" ]; then ok "isolated B and C differ ($CB, $CC)"; else not_ok "isolated B and C share $CB"; fi
expect_match "the map file shows the compartments" 'Compartments' "$(glyph-ld -o p5 -M --color-policy pol3 a.o b.o c.o)"

# splitting code from data saves a color: B's code may not read A's
# data, so A's data needs a color of its own and B's code one of its
# own; whole compartments would need three
printf 'default allow\ncompartment A a.o\ncompartment B b.o\ndeny read B -> A\n' > pol4
run glyph-ld -o p12 --print-compartments --color-policy pol4 a.o b.o c.o
expect_match "code and data split: 2 colors" 'Compartments \(default allow, 2 colors\)' "$OUT"
A2=$(printf '%s\n' "$OUT" | awk '$1 == "A" { print $2 " " $3; exit }')
B2=$(printf '%s\n' "$OUT" | awk '$1 == "B" { print $2; exit }')
case "$A2" in "$B2 "*) not_ok "A's code apart from B's" "$OUT" ;; *) ok "A's code apart from B's ($A2 / $B2)" ;; esac
expect_eq "A's code and data on different colors" 1 "$(printf '%s\n' "$A2" | awk '{ print ($1 != $2) }')"

# determinism
glyph-ld -o q1 --color-policy pol3 a.o b.o c.o && glyph-ld -o q2 --color-policy pol3 a.o b.o c.o
if cmp -s q1 q2; then ok "same inputs, same output"; else not_ok "two links differ"; fi

# .compartment in the source; hand colors and numeric rules do not mix
printf '    .compartment X\n    .data\nx: .quad 1\n' > x.s
glyph-as -o x.o x.s
run glyph-ld -o p6 --print-compartments a.o b.o c.o x.o
expect_match ".compartment from the object" '^  X +- +[0-9]+' "$OUT"
printf '    .compartment Y\n    .section .data.y, "aw", @progbits, color=3\ny: .quad 1\n' > y.s
glyph-as -o y.o y.s
run glyph-ld -o p7 a.o b.o c.o y.o
expect_match "a hand color with compartments: error" "y.o: section .data.y has color 3 set by hand" "$ERR"
run glyph-ld -o p8 --color-deny-read=0:3 a.o b.o c.o x.o
expect_match "numeric color rules with compartments: error" "color rules \(numbers\) and compartments do not mix" "$ERR"
run glyph-ld -o p9 --compartment A=nosuch.o a.o b.o c.o
expect_match "a placement that matches nothing: error" "--compartment A=nosuch.o: no input section matches 'nosuch.o'" "$ERR"
printf 'isolate A\nallow fly A -> B\ndefault maybe\n' > bad
run glyph-ld -o p10 --color-policy bad a.o
expect_eq "bad compartment rules: all reported" "glyph-ld: error: bad:1: want 'isolate A B' (two different compartment names)
glyph-ld: error: bad:3: want 'default allow' or 'default deny'" "$(printf '%s\n' "$ERR" | grep -v 'bad:2')"
expect_match "bad access word" "bad:2: compartment rules take read, write, call or all" "$ERR"

# a policy whose first compartment line is a rule: unplaced objects
# are still in default (not in the first compartment the rule names)
printf 'isolate B C\ncompartment B b.o\ncompartment C c.o\n' > pol5b
run glyph-ld -o p13 --print-compartments --color-policy pol5b a.o b.o c.o
expect_eq "policy opening with isolate: links" 0 "$STATUS"
expect_match "policy opening with isolate: a.o (unplaced) is in default" 'default +-> B +read,write,call +[0-9]+ references, first a\.o' "$OUT"
# a rule naming a compartment nothing is in (a misspelt name) is an error
printf 'default allow\ncompartment B b.o\ncompartment C c.o\nisolate B Cx\ndeny read Bx -> *\n' > pol6
run glyph-ld -o p14 --color-policy pol6 a.o b.o c.o
expect_eq "misspelt compartment names: exit 1" 1 "$STATUS"
expect_eq "misspelt compartment names: each named once, with the compartments there are" \
    "glyph-ld: error: pol6:4: isolate B Cx: no section is in compartment 'Cx' (compartments: default, runtime, B, C)
glyph-ld: error: pol6:5: deny read Bx -> *: no section is in compartment 'Bx' (compartments: default, runtime, B, C)" "$ERR"
expect_no_file "misspelt compartment names: no output" p14
# so is a copy line that matches no archive member of the link
printf 'compartment A a.o\ncopy c.o\ncopy cc.o\n' > pol7
run glyph-ld -o p15 --color-policy pol7 a.o b.o libc3.a
expect_eq "copy of no member: the message" \
    "glyph-ld: error: pol7:3: copy cc.o: no archive member in the link matches 'cc.o'" "$ERR"
expect_no_file "copy of no member: no output" p15

# a damaged record: a name that is not one (first byte a digit)
cp x.o xbad.o
OFF=$(readelf -SW xbad.o | awk '/\.glyph\.compartments/ { for (i = 1; i <= NF; i++) if ($i ~ /^LOPROC/) { print $(i + 2); exit } }')
printf '9' | dd of=xbad.o bs=1 seek=$(( 0x$OFF + 4 )) conv=notrunc 2>/dev/null
run glyph-ld -o p13 a.o b.o c.o xbad.o
expect_match "damaged compartment record: error" "xbad.o: .glyph.compartments: corrupt compartment record" "$ERR"
if command -v glyph-objdump >/dev/null 2>&1; then
    run glyph-objdump -h xbad.o
    expect_match "glyph-objdump: damaged record reported" "corrupt compartment record" "$ERR"
fi

# the 16-color limit: 17 compartments that may not touch each other's
# data (each one's data is referenced from _start's compartment, the
# default: 17 + shared + default data parts, every pair conflicts)
{
    echo '    .text'; echo '    .globl _start'; echo '_start:'
    for i in $(seq 1 17); do echo "    la t1, d$i"; done
    echo '    ret'
} > many.s
glyph-as -o many.o many.s
for i in $(seq 1 17); do
    printf '    .compartment k%s\n    .data\n    .globl d%s\nd%s: .quad %s\n    .text\n    .globl f%s\nf%s: la t1, d%s\n    ret\n' $i $i $i $i $i $i $i > k$i.s
    glyph-as -o k$i.o k$i.s
done
run glyph-ld -o big many.o $(for i in $(seq 1 17); do echo k$i.o; done)
expect_eq "17 compartments' data: exit 1" 1 "$STATUS"
expect_match "more than 16 colors: named" "compartments need 19 colors, more than the 16 the capability registers have; these cannot share colors with each other: shared \(data\), default \(data\), k1 \(data\), .*, k17 \(data\)$" "$ERR"
expect_no_file "over the limit: no output" big
run glyph-ld -o big16 many.o $(for i in $(seq 1 14); do echo k$i.o; done) --defsym d15=0 --defsym d16=0 --defsym d17=0
expect_eq "14 compartments + shared + default: exactly 16 colors, links" 0 "$STATUS"
finish
