#!/usr/bin/env python3
"""_jitdump.py DUMP [HEXDUMP] - check a glyph-run --jit-dump file
(jit_dump.sh).  Every block: a header "block pc=.. ib=..: N instructions,
B bytes at ADDR" (a superblock adds ", superblock of K blocks: PC..."),
its guest instructions in address order (block by block for a
superblock: each run from one of its blocks' PCs on), host code
under each, and B bytes of host code in all; a peeled loop's entry has
"first" lines, its first guest instructions again (at most 8); a line
"flush: ..." may come between blocks.  The host code is given
to objdump (-b binary -m i386:x86-64 -M intel): it must decode all of
it, and when the dump was disassembled (capstone) objdump must find
the same instructions (mnemonic and length) at the same offsets.
With HEXDUMP (the same program's dump in hex, GLYPH_JIT_DUMP_HEX=1),
its blocks and guest lines must be those of DUMP.  Prints one line per
problem and exits 1 if there was any; else prints a summary."""

import os
import re
import subprocess
import sys
import tempfile

HEAD = re.compile(r"^block pc=0x([0-9a-f]+) ib=0x([0-9a-f]+): (\d+) instructions, (\d+) bytes at 0x([0-9a-f]+)"
                  r"(?:, superblock of (\d+) blocks:((?: 0x[0-9a-f]+)+))?$")
GUEST = re.compile(r"^    0x([0-9a-f]{8,})  (\S.*)$")
FIRST = re.compile(r"^    first 0x([0-9a-f]{8,})  (\S.*)$")
FLUSH = re.compile(r"^flush: every translation above was dropped$")
LABEL = re.compile(r"^    (entry|exits)$")
DIS = re.compile(r"^      ([0-9a-f]+)  ((?:[0-9a-f]{2} )*[0-9a-f]{2}) +(\S.*)$")
HEX = re.compile(r"^      ([0-9a-f]+) ((?: [0-9a-f]{2})+)$")


def parse(path):
    blocks, b, bad = [], None, []
    for n, line in enumerate(open(path), 1):
        line = line.rstrip("\n")
        m = HEAD.match(line)
        if m:
            b = {"pc": m.group(1), "ib": m.group(2), "n": int(m.group(3)),
                 "len": int(m.group(4)), "at": int(m.group(5), 16), "guest": [], "first": [],
                 "code": bytearray(), "insns": [], "hex": False,
                 "segs": [int(x, 16) for x in m.group(7).split()] if m.group(6) else
                         [int(m.group(1), 16)]}
            if len(b["segs"]) != (int(m.group(6)) if m.group(6) else 1) or \
               b["segs"][0] != int(m.group(1), 16):
                bad.append("%s:%d: superblock list does not fit: %s" % (path, n, line))
            blocks.append(b)
            continue
        if FLUSH.match(line):
            b = None  # a block must follow
            continue
        if b is None:
            bad.append("%s:%d: text before the first block: %s" % (path, n, line))
            continue
        m = FIRST.match(line)
        if m:
            if b["guest"]:
                bad.append("%s:%d: a first iteration's line after the body's: %s" % (path, n, line))
            b["first"].append((int(m.group(1), 16), m.group(2)))
            continue
        m = GUEST.match(line)
        if m:
            b["guest"].append((int(m.group(1), 16), m.group(2)))
            continue
        if LABEL.match(line):
            continue
        m = HEX.match(line)
        if m:
            at = int(m.group(1), 16)
            if at != b["at"] + len(b["code"]):
                bad.append("%s:%d: host address 0x%x, want 0x%x" % (path, n, at, b["at"] + len(b["code"])))
            b["hex"] = True
            b["code"] += bytes.fromhex(m.group(2).replace(" ", ""))
            continue
        m = DIS.match(line)
        if m:
            at = int(m.group(1), 16)
            data = bytes.fromhex(m.group(2).replace(" ", ""))
            if at != b["at"] + len(b["code"]):
                bad.append("%s:%d: host address 0x%x, want 0x%x" % (path, n, at, b["at"] + len(b["code"])))
            b["insns"].append((at - b["at"], len(data), m.group(3).split()[0]))
            b["code"] += data
            continue
        bad.append("%s:%d: not a dump line: %s" % (path, n, line))
    return blocks, bad


def objdump(code):
    """(offset, length, mnemonic) of each instruction objdump finds."""
    with tempfile.NamedTemporaryFile(suffix=".bin", delete=False) as f:
        f.write(code)
    try:
        out = subprocess.run(["objdump", "-D", "-b", "binary", "-m", "i386:x86-64", "-M", "intel",
                              f.name], capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(f.name)
    insns = []
    for line in out.splitlines():
        m = re.match(r"^\s+([0-9a-f]+):\t((?:[0-9a-f]{2} )+)\s*\t?(.*)$", line)
        if not m:
            continue
        off, nbytes, text = int(m.group(1), 16), len(m.group(2).split()), m.group(3).strip()
        if not text:  # a continuation line of a long instruction's bytes
            o, l, t = insns[-1]
            insns[-1] = (o, l + nbytes, t)
            continue
        insns.append((off, nbytes, text.split()[0]))
    return insns


def main():
    blocks, bad = parse(sys.argv[1])
    if not blocks:
        bad.append("%s: no block" % sys.argv[1])
    ninsns = 0
    for b in blocks:
        where = "block pc=0x%s ib=0x%s" % (b["pc"], b["ib"])
        if len(b["code"]) != b["len"]:
            bad.append("%s: %d bytes of host code, header says %d" % (where, len(b["code"]), b["len"]))
        pcs = [pc for pc, _ in b["guest"]]
        # split at the superblock's block starts: each run ascends
        runs, segs = [], list(b["segs"])
        for pc in pcs:
            if segs and pc == segs[0]:
                runs.append([])
                segs.pop(0)
            if runs:
                runs[-1].append(pc)
        if segs or sum(map(len, runs)) != len(pcs) or any(r != sorted(r) for r in runs) or \
           len(pcs) != b["n"] or (pcs and "%x" % pcs[0] != b["pc"]):
            bad.append("%s: guest lines %s for %d instructions" % (where, [hex(p) for p in pcs], b["n"]))
        if len(b["first"]) > 8 or b["first"] != b["guest"][:len(b["first"])]:
            bad.append("%s: first iteration %s is not the start of the body" % (where, b["first"]))
        od = objdump(bytes(b["code"]))
        if any(m == "(bad)" for _, _, m in od) or sum(l for _, l, _ in od) != len(b["code"]):
            bad.append("%s: objdump does not decode the host code: %s" % (where, od[:5]))
        if not b["hex"]:
            mine = [(o, l, m) for o, l, m in b["insns"]]
            # objdump spells a few mnemonics differently
            norm = lambda m: {"movabs": "mov"}.get(m, m)
            a = [(o, l, norm(m)) for o, l, m in mine]
            c = [(o, l, norm(m)) for o, l, m in od]
            if a != c:
                diff = next(i for i in range(min(len(a), len(c)) + 1) if i >= len(a) or i >= len(c) or a[i] != c[i])
                bad.append("%s: dump and objdump differ at instruction %d: %s vs %s" %
                           (where, diff, a[diff:diff + 1], c[diff:diff + 1]))
            ninsns += len(mine)
    if len(sys.argv) > 2:
        hexblocks, hbad = parse(sys.argv[2])
        bad += hbad
        if not all(b["hex"] for b in hexblocks) or not hexblocks:
            bad.append("%s: not a hex dump" % sys.argv[2])
        if [(b["pc"], b["ib"], b["guest"], b["len"]) for b in hexblocks] != \
           [(b["pc"], b["ib"], b["guest"], b["len"]) for b in blocks]:
            bad.append("%s and %s: different blocks" % (sys.argv[1], sys.argv[2]))
    for line in bad[:20]:
        print(line)
    if bad:
        return 1
    print("%d blocks, %d guest instructions, %s" % (
        len(blocks), sum(b["n"] for b in blocks),
        "hex" if all(b["hex"] for b in blocks) else "%d host instructions as objdump reads them" % ninsns))
    return 0


sys.exit(main())
