# echo-server.sh - examples/echo-server.s and echo-client.s together
# over loopback TCP: the server listens on port 0 (the kernel picks a
# free one), prints it, and the test passes it to two clients, whose
# words come back; the server reports the bytes each one sent.
. "$GLYPH_SRC/tests/e2e/_example.sh"
example echo-client
CLI=$EX
example echo-server
glyph-run --strace "$EX" 0 2 > srv.out 2> srv.err &
srv=$!
port=
for i in $(seq 100); do
    port=$(sed -n 's/^listening on port \([0-9][0-9]*\)$/\1/p' srv.out)
    [ -n "$port" ] && break
    sleep 0.1
done
if [ -z "$port" ]; then
    not_ok "the server prints its port" "$(cat srv.out srv.err)"
    kill "$srv" 2>/dev/null
    finish
fi
ok "the server prints its port ($port)"
run glyph-run "$CLI" "$port" hello, glyph world
expect_eq "client 1: its words back" "hello, glyph world" "$OUT"
expect_eq "client 1: exit status" 0 "$STATUS"
run glyph-run --strace "$CLI" "$port" second
expect_eq "client 2: its words back" "second" "$OUT"
expect_match "client strace: connect shows the address" "^connect\(3, \{sa_family=AF_INET, sin_port=htons\($port\), sin_addr=inet_addr\(\"127\.0\.0\.1\"\)\}, 16\) = 0\$" "$ERR"
expect_match "client strace: shutdown" '^shutdown\(3, SHUT_WR\) = 0$' "$ERR"
wait "$srv"
expect_eq "the server exits 0 after two clients" 0 "$?"
expect_eq "the server's report" "listening on port $port
client 1: echoed 19 bytes
client 2: echoed 7 bytes" "$(cat srv.out)"
srv_err=$(cat srv.err)
expect_match "server strace: socket" '^socket\(AF_INET, SOCK_STREAM\|SOCK_CLOEXEC, 0\) = 3$' "$srv_err"
expect_match "server strace: bind to port 0" '^bind\(3, \{sa_family=AF_INET, sin_port=htons\(0\), sin_addr=inet_addr\("127\.0\.0\.1"\)\}, 16\) = 0$' "$srv_err"
expect_match "server strace: getsockname filled in" "^getsockname\(3, \{sa_family=AF_INET, sin_port=htons\($port\), sin_addr=inet_addr\(\"127\.0\.0\.1\"\)\}, 0x[0-9a-f]+\) = 0\$" "$srv_err"
expect_match "server strace: setsockopt" '^setsockopt\(3, 1, 2, 0x[0-9a-f]+, 4\) = 0$' "$srv_err"
# a client with nobody listening: ECONNREFUSED (111) reported, status 1
run glyph-run "$CLI" 1 nobody
expect_eq "no server: exit status 1" 1 "$STATUS"
expect_match "no server: connect's errno" '^echo-client: connect failed \(errno 111\)$' "$ERR"
finish
