#!/usr/bin/env python3
"""configure.py - write build.ninja for the glyph toolchain.

Python 3 standard library only.  Sources are found by directory, so a
new file in as/, ld/, objdump/, emu/ or lib/ needs no edit here:

  lib/*.c                  -> build/lib/libglyph.a  (decoder library)
  <tool>/*.c *.l *.y       -> build/bin/glyph-<tool>
  <tool>/<part>/*.c        -> build/lib/lib<tool>-<part>.a, linked into the
                              tool (e.g. emu/jit/ -> libemu-jit.a)
  tests/<area>/*.c         -> build/tests/<area>/<name> (run by tests/run.py;
                              a leading '_' marks a helper, built but not run;
                              tests/emu/ also links emu/'s objects but main,
                              and emu/'s parts;
                              linked with lib<tool>-<area>.a when a tool has
                              a part of that name, which it may include)
  runtime/*.s              -> build/runtime/crt0.o, build/runtime/libgrt.a
  runtime/*.inc.in         -> build/gen/runtime/*.inc (cc -E: tables of lib/
                              for runtime/*.s to .include)
  examples/<name>.s        -> build/examples/<name>
  examples/<name>/*.s      -> build/examples/<name>  (linked with crt0 and libgrt and
                              examples/<name>/link.args; -nostdlib there: neither)
  tree-sitter-glyph/src/{parser,scanner}.c -> build/tree-sitter-glyph/libtree-sitter-glyph.{a,so}
                              (linked by glyph-fmt and tests/treesitter/)

Run `./configure.py --help` for the options.
"""

import argparse
import glob
import os
import shlex
import shutil
import subprocess
import sys

SRC = os.path.dirname(os.path.abspath(__file__))
BUILD = "build"  # --builddir may change it (a second tree beside build/)

# Tool directory -> installed program name.
TOOLS = [
    ("as", "glyph-as"),
    ("ld", "glyph-ld"),
    ("objdump", "glyph-objdump"),
    ("emu", "glyph-run"),
    ("fmt", "glyph-fmt"),
]

# Tool directories and test areas that link the glyph tree-sitter parser.
TS_USERS = {"fmt", "treesitter"}
TS_DIR = "tree-sitter-glyph"

# What the build and the tests need: (what, how to check, Debian package),
# and a fourth field "optional" for what the build can do without
# (--install-deps installs it; configure only notes that it is missing).
NEEDS = [
    ("ninja", lambda a: shutil.which("ninja"), "ninja-build"),
    ("flex", lambda a: shutil.which("flex"), "flex"),
    ("bison", lambda a: shutil.which("bison"), "bison"),
    ("pkg-config", lambda a: shutil.which("pkg-config"), "pkg-config"),
    ("libelf (pkg-config libelf)", lambda a: pkg_config_ok("libelf"), "libelf-dev"),
    ("ar, readelf, objdump", lambda a: all(shutil.which(t) for t in ("ar", "readelf", "objdump")),
     "binutils"),
    ("eu-elflint", lambda a: shutil.which("eu-elflint"), "elfutils"),
    ("GNU time (tests/bench/as_speed.py)", lambda a: os.access("/usr/bin/time", os.X_OK), "time"),
    # tests/lib/syscalls.c checks lib/syscalls.def against the kernel's numbers
    ("<asm-generic/unistd.h>", lambda a: os.path.exists("/usr/include/asm-generic/unistd.h"),
     "linux-libc-dev"),
    ("libtree-sitter (pkg-config tree-sitter)", lambda a: pkg_config_ok("tree-sitter"),
     "libtree-sitter-dev"),
    # tests/system/fdt.sh decodes glyph-run's device tree with it
    ("dtc", lambda a: shutil.which("dtc"), "device-tree-compiler"),
    # glyph-run --jit-dump disassembles host code with it (else hex bytes)
    ("capstone (pkg-config capstone)", lambda a: a.no_capstone or pkg_config_ok("capstone"),
     "libcapstone-dev", "optional"),
]


def pkg_config_ok(name):
    if not shutil.which("pkg-config"):
        return False
    return subprocess.call(["pkg-config", "--exists", name]) == 0


def pkg_config(name, what):
    out = subprocess.check_output(["pkg-config", what, name], text=True)
    return out.strip()


def missing_packages(args):
    missing = []
    if not shutil.which(args.cc):
        known = {"cc": "gcc", "gcc": "gcc", "clang": "clang"}
        missing.append(("C compiler " + args.cc, known.get(os.path.basename(args.cc),
                                                         "none known; pass --cc"), False))
    for what, check, pkg, *optional in NEEDS:
        if not check(args):
            missing.append((what, pkg, bool(optional)))
    return missing


def install_packages(pkgs):
    cmd = ["apt-get", "install", "-y", "--no-install-recommends"] + pkgs
    if os.geteuid() != 0:
        print("configure: installing needs root; run: sudo " + " ".join(cmd), file=sys.stderr)
        return False
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    print("configure: apt-get update && " + " ".join(cmd), flush=True)
    if subprocess.call(["apt-get", "update", "-q"], env=env) != 0:
        return False
    return subprocess.call(cmd, env=env) == 0


class Writer:
    """The few ninja statements we need."""

    def __init__(self):
        self.lines = []

    def comment(self, text):
        for line in text.splitlines():
            self.lines.append(("# " + line).rstrip())

    def newline(self):
        self.lines.append("")

    def variable(self, key, value, indent=0):
        self.lines.append("  " * indent + "%s = %s" % (key, value))

    def rule(self, name, command, description=None, **kw):
        self.lines.append("rule " + name)
        self.variable("command", command, 1)
        if description:
            self.variable("description", description, 1)
        for k, v in kw.items():
            self.variable(k, v, 1)
        self.newline()

    def build(self, outputs, rule, inputs=(), implicit=(), order_only=(),
              implicit_outputs=(), variables=None):
        def esc(paths):
            return " ".join(p.replace("$", "$$").replace(" ", "$ ").replace(":", "$:")
                            for p in paths)
        line = "build " + esc(as_list(outputs))
        if implicit_outputs:
            line += " | " + esc(as_list(implicit_outputs))
        line += ": " + rule
        if inputs:
            line += " " + esc(as_list(inputs))
        if implicit:
            line += " | " + esc(as_list(implicit))
        if order_only:
            line += " || " + esc(as_list(order_only))
        self.lines.append(line)
        for k, v in (variables or {}).items():
            self.variable(k, v, 1)

    def default(self, paths):
        self.lines.append("default " + " ".join(as_list(paths)))

    def text(self):
        return "\n".join(self.lines) + "\n"


def as_list(x):
    return [x] if isinstance(x, str) else list(x)


def rel(path):
    return os.path.relpath(path, SRC)


def stem(path):
    return os.path.splitext(os.path.basename(path))[0]


def sources(d, pattern):
    return sorted(rel(p) for p in glob.glob(os.path.join(SRC, d, pattern)))


def main():
    ap = argparse.ArgumentParser(description="Write build.ninja for the glyph toolchain.")
    ap.add_argument("--debug", action="store_true", help="-O0, no optimisation")
    ap.add_argument("--sanitize", action="store_true", help="build with ASan + UBSan")
    ap.add_argument("--tsan", action="store_true",
                    help="build with ThreadSanitizer (guest threads; use with --builddir build-tsan)")
    ap.add_argument("--prefix", default="/usr/local", help="install prefix (default /usr/local)")
    ap.add_argument("--cc", default=os.environ.get("CC", "cc"), help="C compiler (default $CC or cc)")
    ap.add_argument("--builddir", default="build",
                    help="output directory (default build; use another for a second configuration)")
    ap.add_argument("--ninja-file", default="build.ninja",
                    help="ninja file to write (default build.ninja)")
    ap.add_argument("--fuzz", action="store_true",
                    help="also build libFuzzer targets (clang, ASan + UBSan) in fuzz/; "
                         "`ninja fuzz` runs each (use with --builddir build-fuzz)")
    ap.add_argument("--fuzz-time", type=int, default=60,
                    help="seconds `ninja fuzz` runs each target (default 60; "
                         "the FUZZ_TIME environment variable overrides it)")
    ap.add_argument("--no-capstone", action="store_true",
                    help="build without capstone even if it is installed (glyph-run "
                         "--jit-dump then writes host code as hex bytes)")
    ap.add_argument("--install-deps", action="store_true",
                    help="apt-get install missing Debian packages first (needs root)")
    args = ap.parse_args()
    if args.fuzz and args.cc == os.environ.get("CC", "cc"):
        args.cc = "clang"  # libFuzzer comes with clang
    global BUILD
    BUILD = args.builddir.rstrip("/")

    missing = missing_packages(args)
    if missing and args.install_deps:
        pkgs = sorted({pkg for _, pkg, _ in missing if " " not in pkg})
        if pkgs and install_packages(pkgs):
            missing = missing_packages(args)
    for what, pkg, optional in missing:
        print("configure: %s %s (Debian package: %s)"
              % ("building without" if optional else "missing", what, pkg), file=sys.stderr)
    if any(not optional for _, _, optional in missing):
        print("configure: install them (or rerun with --install-deps as root)", file=sys.stderr)
        return 1

    elf_cflags = pkg_config("libelf", "--cflags")
    elf_libs = pkg_config("libelf", "--libs")
    ts_libs = pkg_config("tree-sitter", "--libs")
    # capstone, for glyph-run --jit-dump (emu/jit/dump.c): its header
    # compiled into that part, the library loaded with dlopen by its
    # soname (libcapstone.so.MAJOR) only when a dump is made, not linked
    # (its relocations would slow every start-up)
    part_cflags, part_ldlibs = {}, {}
    if not args.no_capstone and pkg_config_ok("capstone"):
        major = pkg_config("capstone", "--modversion").split(".")[0]
        part_cflags["emu/jit"] = (pkg_config("capstone", "--cflags") +
                                  " -DGLYPH_HAVE_CAPSTONE=1 -DGLYPH_CAPSTONE_MAJOR=" + major)
        part_ldlibs["emu/jit"] = "-ldl"

    opt = "-O0" if args.debug else "-O2"
    cflags = "-std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror %s -g -Ilib %s" % (opt, elf_cflags)
    ldflags = ""
    if args.sanitize or args.fuzz:
        san = "-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"
        cflags += " " + san
        ldflags += " " + san
    if args.tsan:
        if args.sanitize or args.fuzz:
            print("configure: --tsan cannot be combined with --sanitize or --fuzz", file=sys.stderr)
            return 1
        # TSan does not model fences (fence is one): it says so, we know
        cflags += " -fsanitize=thread -fno-omit-frame-pointer -Wno-tsan"
        ldflags += " -fsanitize=thread"
    if args.fuzz:
        cflags += " -fsanitize=fuzzer-no-link"
    # flex/bison output is not ours to fix; these two warnings fire in it.
    gen_cflags = "$cflags -Wno-unused-function -Wno-sign-compare"
    # Nor is the parser tree-sitter generates.
    ts_cflags = ("$cflags -fPIC -I%s/src -Wno-unused-label -Wno-unused-but-set-variable"
                 " -Wno-unused-parameter" % TS_DIR)

    n = Writer()
    # --install-deps is a one-time action, not part of the configuration,
    # so the file (and the command that rewrites it) does not record it.
    argv = [a for a in sys.argv[1:] if a != "--install-deps"]
    n.comment("build.ninja - written by configure.py; do not edit.\n"
              "configure.py " + " ".join(shlex.quote(a) for a in argv))
    n.newline()
    n.variable("ninja_required_version", "1.7")
    n.variable("builddir", BUILD)
    n.variable("cc", args.cc)
    n.variable("cflags", cflags)
    n.variable("ldflags", ldflags.strip())
    n.variable("libs", elf_libs)
    n.variable("prefix", args.prefix)
    n.newline()

    n.rule("cc", "$cc -MMD -MF $out.d $cflags $extra -c $in -o $out",
           description="CC $out", depfile="$out.d", deps="gcc")
    n.rule("ar", "rm -f $out && ar crs $out $in", description="AR $out")
    n.rule("link", "$cc $ldflags -o $out $in $libs", description="LINK $out")
    n.rule("flex", "flex --header-file=$hdr -o $out $in", description="FLEX $in")
    n.rule("bison", "bison -Wall -Werror --defines=$hdr -o $out $in", description="BISON $in")
    # glyph-as writes which files it read (.include) like gcc -MD; -g: the
    # runtime and the examples carry line information (docs/asm.md)
    n.rule("glyph_as", "$builddir/bin/glyph-as -MD -MF $out.d -g $asflags -o $out $in",
           description="GLYPH-AS $out", depfile="$out.d", deps="gcc")
    # Tables of lib/ turned into glyph assembly by the C preprocessor.
    n.rule("cpp_s", "$cc -E -P -x c -MMD -MF $out.d -Ilib $in -o $out",
           description="GEN $out", depfile="$out.d", deps="gcc")
    n.rule("glyph_ld", "$builddir/bin/glyph-ld -o $out $in $ldargs", description="GLYPH-LD $out")
    n.rule("configure", "python3 configure.py " + " ".join(shlex.quote(a) for a in argv),
           description="CONFIGURE", generator="1")
    if args.fuzz:
        # new inputs go to $builddir/fuzz/corpus-NAME; fuzz/corpus/NAME
        # (the committed seeds and regressions) is read, never written
        n.rule("fuzz_run", "mkdir -p $builddir/fuzz/corpus-$name && nice -n 19 $in "
               "-max_total_time=$${FUZZ_TIME:-%d} -close_fd_mask=1 -print_final_stats=1 "
               "-artifact_prefix=$builddir/fuzz/$name- $builddir/fuzz/corpus-$name "
               "fuzz/corpus/$name $seeds" % args.fuzz_time,
               description="FUZZ $name", pool="console")
    n.rule("runtests", "python3 tests/run.py --build $builddir", description="TEST", pool="console")
    n.rule("install_bin", "install -d $prefix/bin && install -m 755 $in $prefix/bin/",
           description="INSTALL $prefix/bin")
    n.rule("install_lib", "install -d $prefix/lib/glyph && install -m 644 $in $prefix/lib/glyph/",
           description="INSTALL $prefix/lib/glyph")
    n.rule("binfmt_conf", "mkdir -p $$(dirname $out) && $in --binfmt=print "
           "--binfmt-interp $prefix/bin/glyph-run > $out.tmp && mv $out.tmp $out",
           description="GEN $out")
    n.rule("install_binfmt", "install -d $prefix/lib/binfmt.d && install -m 644 $in "
           "$prefix/lib/binfmt.d/", description="INSTALL $prefix/lib/binfmt.d")
    n.rule("solink", "$cc $ldflags -shared -o $out $in", description="LINK $out")
    n.rule("gen_queries", "$in $out", description="GEN $out")
    n.rule("gen_queries_helix", "$gq --helix $template $out", description="GEN $out")
    n.rule("copy", "cp $in $out", description="COPY $out")
    n.rule("update_src", "cp $in $dest", description="UPDATE $dest")
    n.rule("install_ts", "install -d $prefix/lib $prefix/share/tree-sitter-glyph/queries"
           " && install -m 644 $solib $prefix/lib/"
           " && install -m 644 $queries $prefix/share/tree-sitter-glyph/queries/"
           " && install -d $prefix/share/tree-sitter-glyph/queries/helix"
           " && install -m 644 $helix $prefix/share/tree-sitter-glyph/queries/helix/",
           description="INSTALL tree-sitter-glyph")
    n.rule("fmt_repo", "sh fmt/files.sh | xargs $builddir/bin/glyph-fmt -i",
           description="GLYPH-FMT -i (the repository's .s files)", pool="console")

    # link.args are read here (their text goes into the link commands)
    link_args = sorted(rel(p) for p in glob.glob(os.path.join(SRC, "examples", "*", "link.args")))
    n.build(args.ninja_file, "configure", implicit=["configure.py"] + link_args)
    n.newline()

    def compile_c(src, gen=False, extra=""):
        obj = os.path.join(BUILD, "obj", src[:-2] + ".o") if not gen else src[:-2] + ".o"
        v = {}
        if gen:
            v["cflags"] = gen_cflags
        if extra:
            v["extra"] = extra
        n.build(obj, "cc", src, variables=v)
        return obj

    # lib/: the decoder library everything links.
    lib_objs = [compile_c(s) for s in sources("lib", "*.c")]
    libglyph = os.path.join(BUILD, "lib", "libglyph.a")
    n.build(libglyph, "ar", lib_objs)
    n.newline()

    # tree-sitter-glyph: the committed generated parser, as a static library
    # for our tools and a shared one for editors; the highlight query with
    # its generated mnemonic and register lists (gen_queries.c).
    # (src/scanner.c, the external scanner, is ours: normal warnings)
    ts_objs = []
    for src, flags in (("parser.c", ts_cflags), ("scanner.c", "$cflags -fPIC -I%s/src" % TS_DIR)):
        obj = os.path.join(BUILD, "obj", TS_DIR, "src", src[:-2] + ".o")
        n.build(obj, "cc", os.path.join(TS_DIR, "src", src), variables={"cflags": flags})
        ts_objs.append(obj)
    ts_lib = os.path.join(BUILD, TS_DIR, "libtree-sitter-glyph.a")
    ts_so = os.path.join(BUILD, TS_DIR, "libtree-sitter-glyph.so")
    n.build(ts_lib, "ar", ts_objs)
    n.build(ts_so, "solink", ts_objs)
    gq_obj = compile_c(os.path.join(TS_DIR, "tools", "gen_queries.c"))
    gq = os.path.join(BUILD, TS_DIR, "gen_queries")
    n.build(gq, "link", [gq_obj, libglyph])
    qdir = os.path.join(BUILD, "share", TS_DIR, "queries")
    queries = []
    for q in sources(os.path.join(TS_DIR, "queries"), "*.scm"):
        out = os.path.join(qdir, os.path.basename(q))
        if os.path.basename(q) == "highlights.scm":
            n.build(out, "gen_queries", [gq, q])
            hl_query = out
            # the same with Helix's capture names (docs/editors.md, Helix)
            hx_query = os.path.join(qdir, "helix", "highlights.scm")
            n.build(hx_query, "gen_queries_helix", [gq, q], variables={"gq": gq, "template": q})
        else:
            n.build(out, "copy", q)
        queries.append(out)
    # refresh the committed highlights.scm after an isa.def change
    n.build("ts-queries", "update_src", hl_query,
            variables={"dest": os.path.join(TS_DIR, "queries", "highlights.scm")})
    n.newline()

    all_targets = [libglyph, ts_lib, ts_so, gq] + queries + [hx_query]
    programs = []
    tool_objs = {}  # tool directory -> its objects (unit tests link them)
    parts = {}  # part name -> (archive, include flags), for tests/<part>/
    fuzz_objs = {}  # tool directory -> (objects without main.o, include flags, generated headers)
    tool_parts = {}  # tool dir -> its parts' archives, for tests/<tool>/
    archive_libs = {}  # a part's archive -> the libraries it needs at link time

    def libs_of(inputs, extra=""):
        """The link's libs variable: $libs, extra, and what its archives need."""
        more = [archive_libs[i] for i in inputs if i in archive_libs]
        if extra:
            more.insert(0, extra)
        return {"libs": " ".join(["$libs"] + more)} if more else None
    for d, name in TOOLS:
        part_libs = []
        for pdir in sorted(glob.glob(os.path.join(SRC, d, "*", ""))):
            part = os.path.basename(os.path.dirname(pdir))
            pcs = sources(os.path.join(d, part), "*.c")
            if not pcs:
                continue
            inc = "-I%s -I%s" % (d, os.path.join(d, part))
            pflags = part_cflags.get(d + "/" + part)
            pobjs = [compile_c(s, extra=inc + (" " + pflags if pflags else "")) for s in pcs]
            plib = os.path.join(BUILD, "lib", "lib%s-%s.a" % (d, part))
            if d + "/" + part in part_ldlibs:
                archive_libs[plib] = part_ldlibs[d + "/" + part]
            n.build(plib, "ar", pobjs)
            part_libs.append(plib)
            parts[part] = (plib, inc)
        cs = sources(d, "*.c")
        ls = sources(d, "*.l")
        ys = sources(d, "*.y")
        if not (cs or ls or ys):
            continue
        gen_dir = os.path.join(BUILD, "gen", d)
        gen_c, gen_h = [], []
        for y in ys:
            c = os.path.join(gen_dir, stem(y) + ".c")
            h = os.path.join(gen_dir, stem(y) + ".h")
            n.build(c, "bison", y, implicit_outputs=[h], variables={"hdr": h})
            gen_c.append(c)
            gen_h.append(h)
        for lsrc in ls:
            c = os.path.join(gen_dir, stem(lsrc) + ".c")
            h = os.path.join(gen_dir, stem(lsrc) + ".h")
            n.build(c, "flex", lsrc, implicit_outputs=[h], variables={"hdr": h})
            gen_c.append(c)
            gen_h.append(h)
        extra = "-I%s -I%s" % (d, gen_dir) if gen_c else "-I" + d
        ts = [ts_lib] if d in TS_USERS else []
        objs = []
        for s in cs:
            obj = os.path.join(BUILD, "obj", s[:-2] + ".o")
            n.build(obj, "cc", s, order_only=gen_h, variables={"extra": extra})
            objs.append(obj)
        for c in gen_c:
            obj = c[:-2] + ".o"
            n.build(obj, "cc", c, order_only=gen_h,
                    variables={"cflags": gen_cflags, "extra": extra})
            objs.append(obj)
        exe = os.path.join(BUILD, "bin", name)
        tool_objs[d] = objs
        tool_parts[d] = part_libs
        n.build(exe, "link", objs + part_libs + ts + [libglyph],
                variables=libs_of(part_libs, ts_libs if ts else ""))
        main_o = os.path.join(BUILD, "obj", d, "main.o")
        fuzz_objs[d] = ([o for o in objs if o != main_o] + part_libs, extra, gen_h)
        programs.append(exe)
        n.newline()
    all_targets += programs

    # tests/<area>/*.c: unit tests and test helpers.
    test_bins = []
    for src in sorted(rel(p) for p in glob.glob(os.path.join(SRC, "tests", "*", "*.c"))):
        area = os.path.basename(os.path.dirname(src))
        # a unit test of a tool's internals: tests/<tool dir>/ sees its
        # headers and links its objects, all but main; tests/<part>/ links
        # the tool part of that name (emu/jit/ for tests/jit/)
        internals = [o for o in tool_objs.get(area, []) if stem(o) != "main"]
        plib, pinc = parts.get(area, (None, ""))
        inc = "-Itests/%s" % area + (" -I" + area if internals else "") + (" " + pinc if pinc else "")
        obj = compile_c(src, extra=inc)
        exe = os.path.join(BUILD, "tests", area, stem(src))
        ts = [ts_lib] if area in TS_USERS else []
        plibs = tool_parts.get(area, []) if internals else ([plib] if plib else [])
        n.build(exe, "link", [obj] + internals + plibs + ts + [libglyph],
                variables=libs_of(plibs, ts_libs if ts else ""))
        test_bins.append(exe)
    all_targets += test_bins
    n.newline()

    # fuzz/TOOL.c: fuzz targets, each linked with its tool's objects (not
    # main.o).  Always built with replay.c as build/fuzz/replay-TOOL, which
    # runs the regression corpus in the test suite; with --fuzz also
    # against libFuzzer as build/fuzz/fuzz-TOOL, run by `ninja fuzz`.
    fuzz_dirs = {"as": "as", "fmt": "fmt", "ld": "ld", "objdump": "objdump", "run": "emu"}
    fuzz_runs = []
    fuzz_common = [compile_c(s, extra="-Ifuzz") for s in ["fuzz/input.c"]]
    replay_o = compile_c("fuzz/replay.c", extra="-Ifuzz")
    for name in sorted(fuzz_dirs):
        src, d = "fuzz/%s.c" % name, fuzz_dirs[name]
        if not os.path.exists(os.path.join(SRC, src)) or d not in fuzz_objs:
            continue
        objs, extra, gen_h = fuzz_objs[d]
        ts = [ts_lib] if d in TS_USERS else []
        t_o = os.path.join(BUILD, "obj", "fuzz", name + ".o")
        n.build(t_o, "cc", src, order_only=gen_h, variables={"extra": extra + " -Ifuzz"})
        replay = os.path.join(BUILD, "fuzz", "replay-" + name)
        n.build(replay, "link", [t_o, replay_o] + fuzz_common + objs + ts + [libglyph],
                variables=libs_of(objs, ts_libs if ts else ""))
        all_targets.append(replay)
        if args.fuzz:
            fz = os.path.join(BUILD, "fuzz", "fuzz-" + name)
            n.build(fz, "link", [t_o] + fuzz_common + objs + ts + [libglyph],
                    variables=dict(libs_of(objs, ts_libs if ts else "") or {},
                                   ldflags="$ldflags -fsanitize=fuzzer"))
            all_targets.append(fz)
            run = "fuzz-run-" + name
            # seeds also come from the sources the tree already has
            seeds = {"as": "examples tests/objdump tests/as/golden tests/runtime",
                     "fmt": "examples runtime tests/fmt/golden tests/treesitter/malformed"}
            n.build(run, "fuzz_run", fz, variables={"name": name, "seeds": seeds.get(name, "")})
            fuzz_runs.append(run)
    if fuzz_runs:
        n.build("fuzz", "phony", fuzz_runs)
    n.newline()

    # runtime/ and examples/: glyph assembly built with our own tools.
    tool_as = os.path.join(BUILD, "bin", "glyph-as")
    tool_ld = os.path.join(BUILD, "bin", "glyph-ld")
    runtime = []
    rt_srcs = sources("runtime", "*.s")
    if rt_srcs and tool_as in programs and tool_ld in programs:
        # runtime/X.inc.in -> build/gen/runtime/X.inc, for .include
        gen_rt = os.path.join(BUILD, "gen", "runtime")
        rt_incs = []
        for t in sources("runtime", "*.inc.in"):
            inc = os.path.join(gen_rt, os.path.basename(t)[:-3])
            n.build(inc, "cpp_s", t)
            rt_incs.append(inc)
        rt_objs = []
        for s in rt_srcs:
            obj = os.path.join(BUILD, "runtime", stem(s) + ".o")
            n.build(obj, "glyph_as", s, implicit=[tool_as] + rt_incs,
                    variables={"asflags": "-I " + gen_rt} if rt_incs else None)
            if stem(s) == "crt0":
                runtime.append(obj)
            else:
                rt_objs.append(obj)
        grt = os.path.join(BUILD, "runtime", "libgrt.a")
        n.build(grt, "ar", rt_objs)
        runtime.append(grt)
        crt0 = os.path.join(BUILD, "runtime", "crt0.o")
        examples = {}
        for s in sources("examples", "*.s"):
            examples[stem(s)] = [s]
        for d in sorted(glob.glob(os.path.join(SRC, "examples", "*", ""))):
            srcs = sources(rel(d), "*.s")
            if srcs:
                examples[os.path.basename(os.path.dirname(d))] = srcs
        for name, srcs in sorted(examples.items()):
            objs = []
            for s in srcs:
                obj = os.path.join(BUILD, "obj", s[:-2] + ".o")
                n.build(obj, "glyph_as", s, implicit=[tool_as])
                objs.append(obj)
            exe = os.path.join(BUILD, "examples", name)
            ldargs = "-L%s -lgrt" % os.path.join(BUILD, "runtime")
            extra_ld = os.path.join(SRC, "examples", name, "link.args")
            link_deps = []
            start = [crt0]
            if os.path.exists(extra_ld):
                words = shlex.split(open(extra_ld).read())
                if "-nostdlib" in words:
                    # a kernel (examples/kernel/): no crt0, no libgrt
                    words = [w for w in words if w != "-nostdlib"]
                    start, ldargs = [], ""
                ldargs = " ".join([ldargs] + [shlex.quote(w) for w in words]).strip()
                # the arguments are written into this file: changing them
                # reconfigures; the files they name (policy.txt) relink
                link_deps.append(rel(extra_ld))
                link_deps += [w for w in words if os.path.isfile(os.path.join(SRC, w))]
            n.build(exe, "glyph_ld", start + objs, implicit=[tool_ld, grt] + link_deps,
                    variables={"ldargs": ldargs})
            runtime.append(exe)
        all_targets += runtime
        n.newline()

    # systemd's binfmt.d entry, written by the glyph-run it registers
    # (--binfmt=print with the installed path and the default flags)
    emu_exe = os.path.join(BUILD, "bin", "glyph-run")
    binfmt_conf = None
    if emu_exe in programs:
        binfmt_conf = os.path.join(BUILD, "binfmt.d", "glyph.conf")
        n.build(binfmt_conf, "binfmt_conf", emu_exe)
        all_targets.append(binfmt_conf)

    n.build("all", "phony", all_targets)
    n.build("run_tests", "runtests", implicit=["all"])
    n.build("test", "phony", "run_tests")
    installs = ["install_bin"]
    n.build("install_bin", "install_bin", programs, implicit=["all"])
    rt_lib = [p for p in runtime if not p.startswith(os.path.join(BUILD, "examples"))]
    if rt_lib:
        n.build("install_lib", "install_lib", rt_lib, implicit=["all"])
        installs.append("install_lib")
    if binfmt_conf:
        n.build("install_binfmt", "install_binfmt", binfmt_conf, implicit=["all"])
        installs.append("install_binfmt")
    n.build("install_ts", "install_ts", [ts_so] + queries + [hx_query],
            variables={"solib": ts_so, "queries": " ".join(queries), "helix": hx_query})
    installs.append("install_ts")
    n.build("install", "phony", installs)
    fmt_exe = os.path.join(BUILD, "bin", "glyph-fmt")
    if fmt_exe in programs:
        n.build("fmt", "fmt_repo", implicit=[fmt_exe])
    n.default("all")

    with open(os.path.join(SRC, args.ninja_file), "w") as f:
        f.write(n.text())
    mode = ("sanitize" if args.sanitize else "tsan" if args.tsan else
            "debug" if args.debug else "release")
    print("configure: wrote %s (%s, cc=%s, prefix=%s)" % (args.ninja_file, mode, args.cc, args.prefix))
    return 0


if __name__ == "__main__":
    sys.exit(main())
