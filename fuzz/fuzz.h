/*
 * fuzz.h - shared by the fuzz targets (fuzz/<tool>.c): the libFuzzer
 * entry point and a helper that makes an input a file for the tools
 * that read paths.  Each target is built twice: with libFuzzer
 * (configure.py --fuzz) and with replay.c, a main that feeds it files,
 * so the regression corpus (fuzz/corpus/<tool>/) runs in every build's
 * test suite (tests/fuzz/corpus.sh).
 */
#ifndef GLYPH_FUZZ_H
#define GLYPH_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input as a file: one memfd per process, rewritten for each input;
 * returns its path (/proc/self/fd/N), or NULL. */
const char *fuzz_input_path(const uint8_t *data, size_t size);

#endif
