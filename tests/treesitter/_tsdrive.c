/*
 * _tsdrive.c - tests of tree-sitter-glyph without the tree-sitter CLI.
 *
 *   _tsdrive corpus FILE...       test/corpus files: parse, compare S-expressions
 *   _tsdrive parse FILE...        fail on any ERROR or MISSING node
 *   _tsdrive errors FILE...       each file must contain an ERROR or MISSING node
 *   _tsdrive highlight QUERY FILE...  `^` / `<-` assertions in comments
 *   _tsdrive query FILE...        each query file compiles
 *   _tsdrive captures QUERY FILE  print each capture: row:col name `text`
 *   _tsdrive sexp FILE            print the tree
 *   _tsdrive dlopen LIB FILE      print FILE's tree parsed with LIB's
 *                                 tree_sitter_glyph() (what editors load)
 *
 * The parser is the committed tree-sitter-glyph/src/parser.c, linked with
 * Debian's libtree-sitter.  Query predicates (#eq?, #match?, #any-of? and
 * their #not- forms) are evaluated here, as the C library leaves them to
 * the caller.  Output is TAP, one line per file or assertion.
 */
#include <ctype.h>
#include <dlfcn.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tree_sitter/api.h>

const TSLanguage *tree_sitter_glyph(void);

static int n_tests, n_failed;

static void result(int ok, const char *fmt, const char *what, const char *detail)
{
    n_tests++;
    if (!ok)
        n_failed++;
    printf("%s %d - ", ok ? "ok" : "not ok", n_tests);
    printf(fmt, what);
    printf("\n");
    if (!ok && detail && *detail) {
        for (const char *p = detail; *p;) {
            const char *e = strchr(p, '\n');
            int n = e ? (int)(e - p) : (int)strlen(p);
            printf("#   %.*s\n", n, p);
            p += n + (e != NULL);
        }
    }
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(2);
    }
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t r;
    while ((r = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += r;
        if (cap - n < 2)
            buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    buf[n] = 0;
    *len = n;
    return buf;
}

static TSTree *parse(TSParser *p, const char *src, size_t len)
{
    return ts_parser_parse_string(p, NULL, src, (uint32_t)len);
}

/* First ERROR or MISSING node in document order; returns 0 if none. */
static int find_error(TSNode n, TSPoint *at, int *missing)
{
    if (!strcmp(ts_node_type(n), "ERROR") || ts_node_is_missing(n)) {
        *at = ts_node_start_point(n);
        *missing = ts_node_is_missing(n);
        return 1;
    }
    if (!ts_node_has_error(n))
        return 0;
    for (uint32_t i = 0; i < ts_node_child_count(n); i++)
        if (find_error(ts_node_child(n, i), at, missing))
            return 1;
    return 0;
}

/* S-expression without field names and with single spaces, the form
 * `tree-sitter test` compares. */
static char *normalize(const char *s)
{
    char *out = malloc(strlen(s) + 1), *o = out;
    while (*s) {
        if (isspace((unsigned char)*s)) {
            while (isspace((unsigned char)*s))
                s++;
            if (o > out && o[-1] != '(' && o[-1] != ' ' && *s != ')' && *s)
                *o++ = ' ';
            continue;
        }
        /* a field name: word followed by ':' */
        const char *w = s;
        while (isalnum((unsigned char)*w) || *w == '_')
            w++;
        if (w > s && *w == ':') {
            s = w + 1;
            while (isspace((unsigned char)*s))
                s++;
            continue;
        }
        *o++ = *s++;
    }
    while (o > out && o[-1] == ' ')
        o--;
    *o = 0;
    return out;
}

static int is_rule_line(const char *p, char c)
{
    int n = 0;
    while (*p == c)
        p++, n++;
    return n >= 3 && (*p == '\n' || *p == 0 || *p == '\r');
}

static void cmd_corpus(TSParser *parser, int argc, char **argv)
{
    for (int a = 0; a < argc; a++) {
        size_t len;
        char *text = read_file(argv[a], &len);
        char *p = text;
        while ((p = strstr(p, "===")) != NULL) {
            if (p != text && p[-1] != '\n') {
                p += 3;
                continue;
            }
            /* header: ===, name, === */
            char *name = strchr(p, '\n');
            if (!name)
                break;
            name++;
            char *name_end = strchr(name, '\n');
            if (!name_end || !is_rule_line(name_end + 1, '='))
                break;
            char *src = strchr(name_end + 1, '\n');
            if (!src)
                break;
            src++;
            /* source up to a line of dashes */
            char *sep = src;
            while (sep && !(is_rule_line(sep, '-') && (sep == src || sep[-1] == '\n')))
                sep = strchr(sep, '\n') ? strchr(sep, '\n') + 1 : NULL;
            if (!sep)
                break;
            char *expect = strchr(sep, '\n');
            expect = expect ? expect + 1 : sep + strlen(sep);
            char *next = expect;
            while ((next = strstr(next, "\n===")) != NULL && !is_rule_line(next + 1, '='))
                next++;
            char *end = next ? next : expect + strlen(expect);
            size_t srclen = (size_t)(sep - src);
            if (srclen && src[srclen - 1] == '\n')
                srclen--; /* the newline before --- is not part of the test */
            char *want_raw = strndup(expect, (size_t)(end - expect));
            char namebuf[256];
            snprintf(namebuf, sizeof namebuf, "%.*s", (int)(name_end - name), name);
            TSTree *t = parse(parser, src, srclen);
            char *got_raw = ts_node_string(ts_tree_root_node(t));
            char *got = normalize(got_raw), *want = normalize(want_raw);
            char *detail = malloc(strlen(got) + strlen(want) + 64);
            sprintf(detail, "expected: %s\ngot:      %s", want, got);
            result(strcmp(got, want) == 0, "corpus: %s", namebuf, detail);
            free(detail);
            free(got);
            free(want);
            free(got_raw);
            free(want_raw);
            ts_tree_delete(t);
            p = end;
        }
        free(text);
    }
}

static void cmd_parse(TSParser *parser, int argc, char **argv, int want_error)
{
    for (int a = 0; a < argc; a++) {
        size_t len;
        char *src = read_file(argv[a], &len);
        TSTree *t = parse(parser, src, len);
        TSPoint at;
        int missing = 0;
        int bad = find_error(ts_tree_root_node(t), &at, &missing);
        char detail[512] = "";
        if (bad)
            snprintf(detail, sizeof detail, "%s:%u:%u: %s", argv[a], at.row + 1, at.column + 1,
                     missing ? "MISSING node" : "ERROR node");
        if (want_error)
            result(bad, "marked as an error: %s", argv[a], "no ERROR or MISSING node");
        else
            result(!bad, "parses cleanly: %s", argv[a], detail);
        ts_tree_delete(t);
        free(src);
    }
}

/* ---- highlight assertions ---- */

typedef struct {
    TSNode node;
    const char *name;
    uint32_t pattern;
} capture;

static char *node_text(const char *src, TSNode n)
{
    uint32_t s = ts_node_start_byte(n), e = ts_node_end_byte(n);
    return strndup(src + s, e - s);
}

static int match_regex(const char *re, const char *text)
{
    regex_t r;
    if (regcomp(&r, re, REG_EXTENDED | REG_NOSUB) != 0) {
        fprintf(stderr, "bad regex in query: %s\n", re);
        exit(2);
    }
    int m = regexec(&r, text, 0, NULL, 0) == 0;
    regfree(&r);
    return m;
}

/* Do the predicates of m's pattern hold? */
static int predicates_hold(const TSQuery *q, const TSQueryMatch *m, const char *src)
{
    uint32_t n;
    const TSQueryPredicateStep *st = ts_query_predicates_for_pattern(q, m->pattern_index, &n);
    for (uint32_t i = 0; i < n;) {
        uint32_t j = i;
        while (j < n && st[j].type != TSQueryPredicateStepTypeDone)
            j++;
        uint32_t len;
        const char *op = ts_query_string_value_for_id(q, st[i].value_id, &len);
        int negate = strncmp(op, "not-", 4) == 0;
        const char *base = negate ? op + 4 : op;
        /* first argument is a capture */
        char *text = NULL;
        for (uint16_t k = 0; k < m->capture_count; k++)
            if (m->captures[k].index == st[i + 1].value_id)
                text = node_text(src, m->captures[k].node);
        int ok = 1;
        if (text) {
            if (!strcmp(base, "eq?")) {
                const char *arg = st[i + 2].type == TSQueryPredicateStepTypeString
                                      ? ts_query_string_value_for_id(q, st[i + 2].value_id, &len)
                                      : "";
                ok = strcmp(text, arg) == 0;
            } else if (!strcmp(base, "match?")) {
                ok = match_regex(ts_query_string_value_for_id(q, st[i + 2].value_id, &len), text);
            } else if (!strcmp(base, "any-of?")) {
                ok = 0;
                for (uint32_t k = i + 2; k < j; k++)
                    if (!strcmp(text, ts_query_string_value_for_id(q, st[k].value_id, &len)))
                        ok = 1;
            } else {
                fprintf(stderr, "unsupported predicate #%s\n", op);
                exit(2);
            }
            free(text);
        }
        if (negate)
            ok = !ok;
        if (!ok)
            return 0;
        i = j + 1;
    }
    return 1;
}

static TSQuery *load_query(const char *path)
{
    size_t len;
    char *qs = read_file(path, &len);
    uint32_t off;
    TSQueryError err;
    TSQuery *q = ts_query_new(tree_sitter_glyph(), qs, (uint32_t)len, &off, &err);
    if (!q) {
        fprintf(stderr, "%s: query error %d at byte %u\n", path, (int)err, off);
        exit(2);
    }
    free(qs);
    return q;
}

/* Every capture of every match whose predicates hold, in match order;
 * captures starting with '_' (predicate helpers) are left out. */
static capture *collect_captures(const TSQuery *q, TSTree *t, const char *src, size_t *count)
{
    TSQueryCursor *cur = ts_query_cursor_new();
    ts_query_cursor_exec(cur, q, ts_tree_root_node(t));
    size_t ncap = 0, capn = 256;
    capture *caps = malloc(capn * sizeof *caps);
    TSQueryMatch m;
    while (ts_query_cursor_next_match(cur, &m)) {
        if (!predicates_hold(q, &m, src))
            continue;
        for (uint16_t k = 0; k < m.capture_count; k++) {
            uint32_t nl;
            const char *name = ts_query_capture_name_for_id(q, m.captures[k].index, &nl);
            if (name[0] == '_')
                continue;
            if (ncap == capn)
                caps = realloc(caps, (capn *= 2) * sizeof *caps);
            caps[ncap++] = (capture){m.captures[k].node, name, m.pattern_index};
        }
    }
    ts_query_cursor_delete(cur);
    *count = ncap;
    return caps;
}

static int covers(TSNode n, TSPoint pt)
{
    TSPoint s = ts_node_start_point(n), e = ts_node_end_point(n);
    return (s.row < pt.row || (s.row == pt.row && s.column <= pt.column)) &&
           (e.row > pt.row || (e.row == pt.row && e.column > pt.column));
}

static uint32_t node_size(TSNode n) { return ts_node_end_byte(n) - ts_node_start_byte(n); }

/*
 * Captures at (row, col): of the smallest captured node covering it, all
 * distinct capture names.  Exactly one name is required, so that editors
 * that let the first pattern win (Helix, the CLI) and those that let the
 * last win (Neovim) agree.
 */
static void highlight_file(TSParser *parser, const TSQuery *q, const char *path)
{
    size_t len;
    char *src = read_file(path, &len);
    TSTree *t = parse(parser, src, len);
    size_t ncap;
    capture *caps = collect_captures(q, t, src, &ncap);
    /* walk lines; an assertion line refers to the last code line */
    int row = 0, code_row = -1;
    const char *line = src;
    int checked = 0;
    while (*line) {
        const char *eol = strchr(line, '\n');
        size_t ll = eol ? (size_t)(eol - line) : strlen(line);
        const char *p = line;
        while (p < line + ll && (*p == ' ' || *p == '\t'))
            p++;
        int is_assert = 0;
        if (p < line + ll && *p == '#') {
            const char *c = p + 1;
            while (c < line + ll && *c == ' ')
                c++;
            if (c < line + ll && (*c == '^' || (c[0] == '<' && c[1] == '-')))
                is_assert = 1;
            if (is_assert && code_row >= 0) {
                uint32_t col = *c == '^' ? (uint32_t)(c - line) : 0;
                const char *nm = c + (*c == '^' ? 1 : 2);
                while (*nm == ' ')
                    nm++;
                int negate = *nm == '!';
                if (negate)
                    nm++;
                char want[128];
                size_t wl = 0;
                while (nm < line + ll && !isspace((unsigned char)*nm) && wl < sizeof want - 1)
                    want[wl++] = *nm++;
                want[wl] = 0;
                TSPoint pt = {(uint32_t)code_row, col};
                /* smallest capture node containing pt */
                uint32_t best = UINT32_MAX;
                for (size_t i = 0; i < ncap; i++)
                    if (covers(caps[i].node, pt) && node_size(caps[i].node) < best)
                        best = node_size(caps[i].node);
                char names[1024] = "";
                int distinct = 0, found = 0;
                for (size_t i = 0; i < ncap; i++) {
                    char key[160];
                    snprintf(key, sizeof key, " %s ", caps[i].name);
                    if (!covers(caps[i].node, pt) || node_size(caps[i].node) != best ||
                        strstr(names, key))
                        continue;
                    distinct++;
                    if (!strcmp(caps[i].name, want))
                        found = 1;
                    if (!*names)
                        strcpy(names, " ");
                    strncat(names, caps[i].name, sizeof names - strlen(names) - 1);
                    strncat(names, " ", sizeof names - strlen(names) - 1);
                }
                char what[512], detail[1200];
                snprintf(what, sizeof what, "%s:%d:%u is %s%s", path, code_row + 1, col + 1,
                         negate ? "not " : "", want);
                snprintf(detail, sizeof detail, "captures there:%s", *names ? names : " none");
                int ok = negate ? !found : found && distinct == 1;
                result(ok, "%s", what, detail);
                checked++;
            }
        }
        if (!is_assert)
            code_row = row;
        row++;
        line += ll + (eol != NULL);
    }
    if (!checked)
        result(0, "%s has highlight assertions", path, "none found");
    free(caps);
    ts_tree_delete(t);
    free(src);
}

/* Each capture as row:col name `text` (first line of the text). */
static void print_captures(TSParser *parser, const TSQuery *q, const char *path)
{
    size_t len;
    char *src = read_file(path, &len);
    TSTree *t = parse(parser, src, len);
    size_t ncap;
    capture *caps = collect_captures(q, t, src, &ncap);
    for (size_t i = 0; i < ncap; i++) {
        TSPoint p = ts_node_start_point(caps[i].node);
        char *text = node_text(src, caps[i].node);
        char *nlp = strchr(text, '\n');
        if (nlp)
            strcpy(nlp, "...");
        printf("%u:%u %s `%s`\n", p.row + 1, p.column + 1, caps[i].name, text);
        free(text);
    }
    free(caps);
    ts_tree_delete(t);
    free(src);
}

static void print_tree(TSParser *parser, const char *path)
{
    size_t len;
    char *src = read_file(path, &len);
    TSTree *t = parse(parser, src, len);
    char *str = ts_node_string(ts_tree_root_node(t));
    printf("%s\n", str);
    free(str);
    ts_tree_delete(t);
    free(src);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s corpus|parse|errors|highlight|sexp ARGS...\n", argv[0]);
        return 2;
    }
    TSParser *parser = ts_parser_new();
    if (!strcmp(argv[1], "dlopen") && argc == 4) {
        void *h = dlopen(argv[2], RTLD_NOW | RTLD_LOCAL);
        const TSLanguage *(*lang)(void) = NULL;
        if (h)
            *(void **)&lang = dlsym(h, "tree_sitter_glyph");
        if (!lang || !ts_parser_set_language(parser, lang())) {
            fprintf(stderr, "%s: %s\n", argv[2], h ? "no usable tree_sitter_glyph" : dlerror());
            return 1;
        }
        print_tree(parser, argv[3]);
        ts_parser_delete(parser);
        dlclose(h);
        return 0;
    }
    if (!ts_parser_set_language(parser, tree_sitter_glyph())) {
        printf("not ok 1 - libtree-sitter %d..%d rejects the parser's ABI %u\n",
               TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION, TREE_SITTER_LANGUAGE_VERSION,
               ts_language_version(tree_sitter_glyph()));
        return 1;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "corpus")) {
        cmd_corpus(parser, argc - 2, argv + 2);
    } else if (!strcmp(cmd, "parse")) {
        cmd_parse(parser, argc - 2, argv + 2, 0);
    } else if (!strcmp(cmd, "errors")) {
        cmd_parse(parser, argc - 2, argv + 2, 1);
    } else if (!strcmp(cmd, "highlight") && argc >= 4) {
        TSQuery *q = load_query(argv[2]);
        for (int a = 3; a < argc; a++)
            highlight_file(parser, q, argv[a]);
        ts_query_delete(q);
    } else if (!strcmp(cmd, "captures") && argc == 4) {
        TSQuery *q = load_query(argv[2]);
        print_captures(parser, q, argv[3]);
        ts_query_delete(q);
        ts_parser_delete(parser);
        return 0;
    } else if (!strcmp(cmd, "query")) {
        for (int a = 2; a < argc; a++) {
            ts_query_delete(load_query(argv[a]));
            result(1, "query compiles: %s", argv[a], NULL);
        }
    } else if (!strcmp(cmd, "sexp")) {
        print_tree(parser, argv[2]);
        ts_parser_delete(parser);
        return 0;
    } else {
        fprintf(stderr, "%s: unknown command %s\n", argv[0], cmd);
        return 2;
    }
    ts_parser_delete(parser);
    printf("1..%d\n", n_tests);
    return n_failed ? 1 : 0;
}
