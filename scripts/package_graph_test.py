"""Self-test of package_graph.py, run by check-packages.sh before the real check, so that a broken graph
reader fails the build instead of passing it. One test compiles a real cycle and reads it with jdeps, so a
change in jdeps' output format is caught too. Run: python3 scripts/package_graph_test.py"""
import io, os, subprocess, sys, tempfile, unittest
sys.dont_write_bytecode = True  # no __pycache__ left in scripts/ by the import below
from contextlib import redirect_stdout
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import package_graph

def jdeps_line(src, dst):
    # The shape of `jdeps -verbose:class -filter:none` lines: indented, columns padded.
    return f"   {src:<50} -> {dst:<50} not found\n"

def run(lines):
    out = io.StringIO()
    with redirect_stdout(out):
        sys.stdin, stdin = io.StringIO("".join(lines)), sys.stdin
        try:
            code = package_graph.main([])
        finally:
            sys.stdin = stdin
    return code, out.getvalue()

class PackageGraphTest(unittest.TestCase):

    def test_a_cycle_fails_and_names_its_edges(self):
        code, out = run([jdeps_line("io.ginpreflight.verdict.Judge", "io.ginpreflight.report.RunFacts"),
                         jdeps_line("io.ginpreflight.report.RunFacts", "io.ginpreflight.verdict.Verdict"),
                         jdeps_line("io.ginpreflight.report.RunFacts", "io.ginpreflight.model.Bytes")])
        self.assertEqual((1, "package cycle: report, verdict (report -> verdict; verdict -> report)\n"), (code, out))

    def test_no_cycle_passes_and_counts_packages(self):
        code, out = run([jdeps_line("io.ginpreflight.report.RunFacts", "io.ginpreflight.model.Bytes")])
        self.assertEqual((0, "packages: 2 without a cycle; JUnit only in tests and testkit\n"), (code, out))

    def test_tests_and_their_inner_classes_are_left_out_of_the_graph(self):
        code, out = run([jdeps_line("io.ginpreflight.report.RunFacts", "io.ginpreflight.verdict.Verdict"),
                         jdeps_line("io.ginpreflight.verdict.JudgeTest", "io.ginpreflight.report.RunFacts"),
                         jdeps_line("io.ginpreflight.it.FaultsIT$Row", "io.ginpreflight.report.RunFacts")])
        self.assertEqual(0, code, out)

    def test_junit_outside_tests_and_testkit_fails(self):
        code, out = run([jdeps_line("io.ginpreflight.testkit.GoAvailability", "org.junit.jupiter.api.Assumptions"),
                         jdeps_line("io.ginpreflight.verdict.JudgeTest", "org.junit.jupiter.api.Test"),
                         jdeps_line("io.ginpreflight.it.GatlingProcess", "org.junit.jupiter.api.Assertions")])
        self.assertEqual((1, "JUnit used outside tests and testkit: it (io.ginpreflight.it.GatlingProcess)\n"),
                         (code, out))

    def test_output_it_cannot_read_fails(self):
        code, out = run(["test-classes -> java.base\n"])
        self.assertEqual(1, code, out)
        self.assertIn("read no io.ginpreflight class from jdeps", out)

    def test_a_compiled_cycle_read_by_jdeps_fails(self):
        with tempfile.TemporaryDirectory() as tmp:
            for pkg, other in (("a", "b"), ("b", "a")):
                os.makedirs(f"{tmp}/src/io/ginpreflight/{pkg}")
                with open(f"{tmp}/src/io/ginpreflight/{pkg}/{pkg.upper()}.java", "w") as f:
                    f.write(f"package io.ginpreflight.{pkg};\n"
                            f"public class {pkg.upper()} {{ io.ginpreflight.{other}.{other.upper()} next; }}\n")
            sources = [f"{tmp}/src/io/ginpreflight/{p}/{p.upper()}.java" for p in ("a", "b")]
            subprocess.run(["javac", "-d", f"{tmp}/classes", *sources], check=True)
            jdeps = subprocess.run(["jdeps", "-verbose:class", "-filter:none", f"{tmp}/classes"],
                                   check=True, capture_output=True, text=True).stdout
        code, out = run(jdeps.splitlines(keepends=True))
        self.assertEqual((1, "package cycle: a, b (a -> b; b -> a)\n"), (code, out))

if __name__ == "__main__":
    unittest.main()
