"""_on_tty.py - run a command with its stdout on a new pseudo-terminal and
"bob\\n" on a pipe as its stdin (a helper of tests/runtime/stdio.sh, not a
test); prints its stderr, then "tty: " and what reached the terminal.
"""
import os
import pty
import subprocess
import sys
m, s = pty.openpty()
p = subprocess.Popen(sys.argv[1:], stdin=subprocess.PIPE, stdout=s, stderr=subprocess.PIPE)
os.close(s)
try:
    p.stdin.write(b"bob\n")
    p.stdin.close()
except BrokenPipeError:
    pass  # a mode that never reads stdin may have exited already
err = p.stderr.read()
out = b""
while True:
    try:
        d = os.read(m, 4096)
    except OSError:
        break
    if not d:
        break
    out += d
p.wait()
sys.stdout.write(err.decode())
sys.stdout.write("tty: " + out.decode().replace("\r\n", "\n"))
sys.exit(p.returncode)
