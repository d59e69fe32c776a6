# sieve.sh - examples/sieve.s: primes below N against a list made here.
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
finish
