# sieve.sh - examples/sieve/ (main.s, sieve.s): primes below N against a list made here;
# a negative N is an error.
. "$GLYPH_SRC/tests/e2e/_example.sh"
example sieve
primes() {
    python3 -c "
import sys
n = int(sys.argv[1])
p = [i for i in range(2, n) if all(i % d for d in range(2, int(i ** 0.5) + 1))]
print(' '.join(map(str, p)))
print('%d primes below %d' % (len(p), n))" "$1"
}
run glyph-run "$EX"
expect_eq "exit status" 0 "$STATUS"
expect_eq "below 100" "$(primes 100)" "$OUT"
run glyph-run "$EX" 5000
expect_eq "below 5000" "$(primes 5000)" "$OUT"
run glyph-run "$EX" 3
expect_eq "below 3" "$(primes 3)" "$OUT"
run glyph-run "$EX" -5
expect_eq "negative N: exit status" 1 "$STATUS"
expect_eq "negative N: message" "sieve: N must be 0 or more, not -5" "$ERR"
expect_eq "negative N: no output" "" "$OUT"
finish
