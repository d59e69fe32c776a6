# syscall_table.sh - docs/run.md's table of system calls names every
# call of lib/syscalls.def with its number, and nothing else: the table
# is the users' list of what glyph-run implements.
. "$GLYPH_SRC/tests/common.sh"
out=$(python3 - "$GLYPH_SRC" <<'PYEOF'
import re, sys
src = sys.argv[1]
defs = {}
for m in re.finditer(r"^GL_SYSCALL\((\d+),\s*(\w+),", open(src + "/lib/syscalls.def").read(), re.M):
    defs[m.group(2)] = int(m.group(1))
doc = open(src + "/docs/run.md").read()
table = doc[doc.index("| number | call | notes |"):]
table = table[:table.index("\n\n")]
seen = {}
for row in table.split("\n")[2:]:
    cells = [c.strip() for c in row.strip("|").split("|")]
    nums = []
    for part in cells[0].split(","):
        part = part.strip().replace("\u2013", "-")
        if "-" in part:
            a, b = part.split("-")
            nums += list(range(int(a), int(b) + 1))
        else:
            nums.append(int(part))
    names = [n.strip() for n in cells[1].split(",")]
    if len(nums) != len(names):
        print("row %r: %d numbers, %d names" % (cells[0], len(nums), len(names)))
    for n, name in zip(nums, names):
        seen[name] = n
for name, nr in sorted(defs.items()):
    if name not in seen:
        print("missing in docs/run.md: %s (%d)" % (name, nr))
    elif seen[name] != nr:
        print("docs/run.md: %s is %d, lib/syscalls.def says %d" % (name, seen[name], nr))
for name in sorted(set(seen) - set(defs)):
    print("docs/run.md names %s, which lib/syscalls.def does not have" % name)
print("count %d" % len(defs))
PYEOF
)
count=$(printf '%s\n' "$out" | sed -n 's/^count //p')
problems=$(printf '%s\n' "$out" | grep -v '^count ')
if [ -z "$problems" ]; then ok "docs/run.md lists the $count calls of lib/syscalls.def"; else not_ok "docs/run.md and lib/syscalls.def disagree" "$problems"; fi
if [ "${count:-0}" -ge 150 ]; then ok "at least 150 calls implemented ($count)"; else not_ok "at least 150 calls implemented" "$count"; fi
finish
