#!/usr/bin/env python3
"""_sysregs_gen.py - write the test kernel of tests/system/sysregs.sh and
its expected console output from lib/sysregs.def, the one list of system
registers (numbers, families, access RO/RW/WO, privilege USER/SYS).

    _sysregs_gen.py SYSREGS_DEF KERNEL_S EXPECTED

The kernel, right after reset (translation off, the system role):
  1. reads every readable register and prints "NAME r=VALUE";
  2. reads every write-only one and writes (syswrite, sysset, sysclear)
     every read-only one, printing the trap each raises, and reads the
     read-only one again (unchanged);
  3. writes all ones to the read-write registers that can take it
     without ending the test, and prints what reads back (reserved
     fields read 0, D16; domain registers ignore writes, D15);
  4. reads and writes every unlisted number (0-0xfff) and prints how
     many of those were illegal instructions;
  5. from a user page (translation on, scontrol F|T|D) reads and writes
     every number and prints how many trapped: only the USER registers
     are reachable, and only the writable ones writable;
  6. prints how many of all those traps saved a teib other than the ib
     of the trapping code (0).
What the machine makes of each is docs/isa.md 7.1 (D13, D15, D16, D25)
and docs/system.md; the values below are from there.
"""
import re
import sys

RAM = 0xFFFFC00000000000

# Reset values other than 0 (docs/system.md "Boot", D25).  The reset stub
# leaves tepc/teib at the kernel's entry and tcontrol.I set (its iret).
RESET = {
    "cfreq": 1000, "address": 0x1000000000000000, "domain": 0xE000000000000000,
    "tcontrol": 1, "sfeature": 0x1F, "sversion": 0x000700, "mfeature": 7,
    "saddress": 0x1000000000000000, "sdomain": 0xE000000000000000,
}
# Counters: printed as zero or not.
VOLATILE = {"ctime", "dcycle", "dinst"}
# Relative to a symbol of the kernel.
RELATIVE = {"tepc": "_start", "teib": "_start.const"}
# The cause of a forbidden access by the system role (D13; the machine
# and domain registers' own faults, docs/isa.md 7.1 "causes 14, 15").
def forbidden_cause(num):
    if 0x61 <= num <= 0x65 or 0xF00 <= num < 0xF10:
        return 15
    if 0x51 <= num <= 0x55 or 0x400 <= num < 0xF00:
        return 14
    return 2
# Read-write registers written with all ones in step 3, and what reads
# back (D16: reserved fields read 0; D15: domain registers ignore
# writes).  The rest would end the test: the trap vector and return
# (thpc, thib, tepc, teib, tcontrol), translation (mcontrol), the
# capability checks (ccontrol), the timer (stimer), econtrol.
ONES = {
    "tscratch": ~0, "scontrol": 0x1F, "sptr": ~0, "starget": ~0, "smask": ~0,
    "sie": 0xFFFFFFFF, "dstop": 0, "dfetch": 0, "dread": 0, "dwrite": 0,
    "colorread": 0xFFFF, "colorwrite": 0xFFFF, "colorexec": 0xFFFF,
    "colorsys": 0xFFFF, "colordom": 0xFFFF, "colorcap": 0xFFFF, "colormac": 0xFFFF,
    "colormatread": 0xFFFF, "colormatwrite": 0xFFFF, "colormatexec": 0xFFFF,
    "domcontrol": 0, "domnext": 0, "dommatrix": 0, "domsys": 0, "domdom": 0,
    "domcap": 0, "dommac": 0, "dommsg": 0, "domscratch": 0, "domaddr": 0,
    "domptr": 0, "domthpc": 0, "domthib": 0, "macaddr": ~0, "mtlbfmt": ~0,
    "mtlbent": ~0,
}
# The debug monitor's registers get written back to 0 at once (a
# monitor left on would stop the test): dstop ~0 is never reached, and
# ~0 is no address the kernel uses.
ONES_THEN_ZERO = {"dstop", "dfetch", "dread", "dwrite"}
ONES.update({k: ~0 for k in ONES_THEN_ZERO})


def parse(path):
    regs = []
    pat = re.compile(r"^GL_SYSREG\(\s*(\w+)\s*,\s*(0x[0-9a-fA-F]+|\d+)\s*,\s*(\d+)\s*,"
                     r"\s*(RW|RO|WO)\s*,\s*(USER|SYS)\s*\)")
    for line in open(path):
        m = pat.match(line.strip())
        if not m:
            continue
        name, num, count, acc, priv = m.groups()
        num, count = int(num, 0), int(count)
        for i in range(count):
            regs.append({"name": name + (str(i) if count > 1 else ""), "family": name,
                         "num": num + i, "acc": acc, "priv": priv})
    if len(regs) < 50:
        sys.exit("%s: too few GL_SYSREG rows (%d)" % (path, len(regs)))
    return regs


def hx(v):
    return "0x%x" % (v & (2**64 - 1))


def main():
    regs = parse(sys.argv[1])
    known = {r["num"] for r in regs}
    asm, exp, ro_data = [], [], []
    items = []  # steps 1-4, one list of lines per item; run in chunks

    def a(line):
        items[-1].append(line)

    def item():
        items.append([])

    def string(label, text):
        ro_data.append('%s: .asciz "%s"' % (label, text))

    item()
    a("""    .text
    .globl _start
_start:
    li sp, 0xffffc00000100000
    movi.i64 s13, 0""")
    head = items.pop()
    item()  # the trap vector after step 1 (which must not trap)
    a("""    la t1, srhandler
    syswrite t1, thpc
    la t1, srhandler.const
    syswrite t1, thib""")
    vector = items.pop()
    for r in regs:
        string("s_%x" % r["num"], r["name"])
    # 1. reads
    for r in regs:
        if r["acc"] == "WO":
            continue
        n, lab = r["num"], "s_%x" % r["num"]
        item()
        a("    la a0, %s" % lab)
        a("    call kputs")
        a("    movi.i64 s4, 0")
        a("    movi.i64 s10, 0")
        a("    sysread s10, 0x%x" % n)
        if r["name"] in VOLATILE:
            a("    la a0, m_r")
            a("    call show_nz")
            want = "r=nz"
        elif r["name"] in RELATIVE:
            a("    la t1, %s" % RELATIVE[r["name"]])
            a("    sub.i64 s10, s10, t1")
            a("    call show_r")
            want = "r=0x0"
        else:
            a("    call show_r")
            want = "r=" + hx(RESET.get(r["name"], 0))
        exp.append("%s %s" % (r["name"], want))
    # 2. forbidden accesses: WO reads, RO writes, then the RO again
    for r in regs:
        n, lab = r["num"], "s_%x" % r["num"]
        if r["acc"] == "RW":
            continue
        item()
        a("    la a0, %s" % lab)
        a("    call kputs")
        c = forbidden_cause(n)
        if r["acc"] == "WO":
            a("    call clr")
            a("    sysread s10, 0x%x" % n)
            a("    la a0, m_r")
            a("    call show_t")
            a("    call newline")
            exp.append("%s r=trap%s" % (r["name"], hx(c)))
            continue
        a("    li s11, -1")
        for op, tag in (("syswrite", "w"), ("sysset", "s"), ("sysclear", "c")):
            a("    call clr")
            a("    %s s11, 0x%x" % (op, n))
            a("    la a0, m_%s" % tag)
            a("    call show_t")
        a("    call clr")
        a("    sysread s10, 0x%x" % n)
        a("    la a0, m_again")
        if r["name"] in VOLATILE or r["name"] == "tvalue":
            a("    call show_nz")
            again = "nz"
        else:
            a("    call show_t")
            a("    call newline")
            # the trap record holds the last trap: this register's
            again = hx(c if r["name"] == "tcause" else RESET.get(r["name"], 0))
        exp.append("%s w=trap%s s=trap%s c=trap%s again=%s" % (r["name"], hx(c), hx(c), hx(c),
                                                                again))
    # 3. all ones into the read-write registers that can take them
    for r in regs:
        if r["acc"] != "RW" or r["family"] not in ONES:
            continue
        n, lab = r["num"], "s_%x" % r["num"]
        item()
        a("    la a0, %s" % lab)
        a("    call kputs")
        a("    li s11, -1")
        a("    call clr")
        a("    syswrite s11, 0x%x" % n)
        a("    sysread s10, 0x%x" % n)
        if r["family"] in ONES_THEN_ZERO:
            a("    movi.i64 s11, 0")
            a("    syswrite s11, 0x%x" % n)
        a("    la a0, m_ones")
        a("    call show_t")
        a("    call newline")
        exp.append("%s ones=%s" % (r["name"], hx(ONES[r["family"]])))
    item()
    a("    movi.i64 s11, 0")
    a("    syswrite s11, scontrol")
    # 4. every unlisted number, read and written: all illegal
    unlisted = [n for n in range(4096) if n not in known]
    a("    movi.i64 s3, 0")
    a("    movi.i64 s2, 0")
    a("    movi.i64 s11, 0")
    for n in unlisted:
        a("    sysread s10, 0x%x" % n)
        a("    syswrite s11, 0x%x" % n)
    a("    la a0, m_unlisted")
    a("    call kputs")
    a("    or.i64 a0, s2, s2")
    a("    call kputx")
    a("    call newline")
    exp.append("unlisted illegal=%s" % hx(2 * len(unlisted)))
    # steps 1-4 in functions of a few items each (an immediate block
    # of constants per function)
    asm.extend(head)
    nread = sum(1 for r in regs if r["acc"] != "WO")
    chunks = [items[i:min(i + 32, nread)] for i in range(0, nread, 32)]
    chunks += [items[i:i + 32] for i in range(nread, len(items), 32)]
    nchunks1 = (nread + 31) // 32
    for k in range(len(chunks)):
        if k == nchunks1:
            asm.extend(vector)
        asm.append("    call chunk%d" % k)
    body = []
    for k, ch in enumerate(chunks):
        body.append("\n    .type chunk%d, @function\nchunk%d:" % (k, k))
        body.append("    addi.i64 sp, -16\n    store.i64 ra, 0(sp)")
        body.append("    la s12, chunk%d.const" % k)  # its traps' teib
        for it in ch:
            body.extend(it)
        body.append("    load.i64 ra, 0(sp)\n    addi.i64 sp, 16\n    ret")
    a = asm.append
    # 5. from user code: which numbers are reachable
    a("""    li s3, 0xffffc00000400000
    call pt_init
    li t4, 0xffffc00000403080   # L0 entries of VA 0x10000...
    li t2, -4096
    la t1, upage
    and.i64 t1, t1, t2
    movi.i64 t3, 0x4b           # V R X A
    or.i64 t1, t1, t3
    movi.i64 t5, 16             # pages
    movi.i64 t6, 0
1:  store.i64 t1, 0(t4)
    li t2, 4096
    add.i64 t1, t1, t2
    addi.i64 t4, 8
    addi.i64 t6, 1
    cmp.ltu.i64 t6, t5
    b 1b
    li t1, 0x1fffc00000400000
    syswrite t1, sptr
    movi.i64 t1, 7              # scontrol F T D: all user registers
    syswrite t1, scontrol
    movi.i64 t1, 1
    syswrite t1, mcontrol
    movi.i64 s2, 0
    movi.i64 s3, 0
    la s6, 2f
    la s9, _start.const
    li t1, 0x10000
    syswrite t1, tepc
    syswrite t1, teib
    or.i64 s12, t1, t1
    iret
2:  la a0, m_user
    call kputs
    or.i64 a0, s3, s3
    call kputx
    la a0, m_illegal
    call kputs
    or.i64 a0, s2, s2
    call kputx
    call newline
    la a0, m_teib
    call kputs
    or.i64 a0, s13, s13
    call kputx
    call newline
    movi.i64 a0, 0
    call poweroff""")
    user_ok_r = sum(1 for r in regs if r["priv"] == "USER" and r["acc"] != "WO")
    user_ok_w = sum(1 for r in regs if r["priv"] == "USER" and r["acc"] != "RO")
    traps = 2 * 4096 - user_ok_r - user_ok_w
    exp.append("user traps=%s illegal=%s" % (hx(traps), hx(traps)))
    exp.append("teib wrong=0x0")
    npages = 0
    user = []
    for n in range(4096):
        user.append("    sysread s10, 0x%x" % n)
        user.append("    syswrite s11, 0x%x" % n)
    user.append("    syscall")
    size = 4 * len(user)
    if size > 0x10000 - 0x1000:
        sys.exit("user code too large")

    asm.extend(body)
    a("""
# srhandler: s4 = tcause, s5 = tepc; count traps in s3, illegal ones in
# s2, those whose teib is not s12 (the trapping code's ib) in s13; skip
# the trapping instruction (4 bytes) - or, for a syscall, go back to the
# kernel at s6 with ib s9
    .type srhandler, @function
srhandler:
    sysread s4, tcause
    syswrite s4, tack
    sysread t1, teib
    cmp.eq.i64 t1, s12
    b 5f
    addi.i64 s13, 1
5:  sysread s5, tepc
    movi.i64 t1, 17
    cmp.eq.i64 s4, t1
    b 1f
    addi.i64 s3, 1
    movi.i64 t1, 2
    cmp.eq.i64 s4, t1
    b 3f
    j 4f
3:  addi.i64 s2, 1
4:  addi.i64 s5, 4
    syswrite s5, tepc
    iret
1:  syswrite s6, tepc
    syswrite s9, teib
    iret

# clr(): s4 = 0 (no trap yet), s10 = 0
    .type clr, @function
clr:
    movi.i64 s4, 0
    movi.i64 s10, 0
    ret

# show_r(): " r=" and s10, or the trap; a newline
    .type show_r, @function
show_r:
    addi.i64 sp, -16
    store.i64 ra, 0(sp)
    la a0, m_r
    call show_t
    call newline
    load.i64 ra, 0(sp)
    addi.i64 sp, 16
    ret

# show_t(a0 = " x="): a0, then "trap" and the cause in s4, or s10 when
# nothing trapped
    .type show_t, @function
show_t:
    addi.i64 sp, -16
    store.i64 ra, 0(sp)
    call kputs
    movi.i64 t1, 0
    cmp.eq.i64 s4, t1
    b 1f
    la a0, m_trap
    call kputs
    or.i64 a0, s4, s4
    call kputx
    j 2f
1:  or.i64 a0, s10, s10
    call kputx
2:  load.i64 ra, 0(sp)
    addi.i64 sp, 16
    ret

# show_nz(a0 = " x="): a0, "nz" or "0" for s10 (a counter), a newline
    .type show_nz, @function
show_nz:
    addi.i64 sp, -16
    store.i64 ra, 0(sp)
    call kputs
    la a0, m_nz
    movi.i64 t1, 0
    cmp.eq.i64 s10, t1
    b 1f
    j 2f
1:  la a0, m_zero
2:  call kputs
    call newline
    load.i64 ra, 0(sp)
    addi.i64 sp, 16
    ret

    .section .text.user, "ax"
    .balign 4096
upage:""")
    asm.extend(user)
    asm.append("    .balign 4096")
    asm.append("    .section .rodata")
    asm.extend(ro_data)
    asm.append('m_r: .asciz " r="')
    asm.append('m_w: .asciz " w="')
    asm.append('m_s: .asciz " s="')
    asm.append('m_c: .asciz " c="')
    asm.append('m_again: .asciz " again="')
    asm.append('m_ones: .asciz " ones="')
    asm.append('m_trap: .asciz "trap"')
    asm.append('m_nz: .asciz "nz"')
    asm.append('m_zero: .asciz "0"')
    asm.append('m_unlisted: .asciz "unlisted illegal="')
    asm.append('m_user: .asciz "user traps="')
    asm.append('m_illegal: .asciz " illegal="')
    asm.append('m_teib: .asciz "teib wrong="')
    open(sys.argv[2], "w").write("\n".join(asm) + "\n")
    open(sys.argv[3], "w").write("\n".join(exp) + "\n")


main()
