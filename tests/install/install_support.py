"""Shared by the install tests: commands run quietly that fail with their output, and a
temporary work folder that is kept only when the test fails."""

import ctypes
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


class Failure(Exception):
    pass


def run(argv, cwd=None, env=None, stdin=None, timeout=600, check=True, preexec_fn=None):
    argv = [str(a) for a in argv]
    p = subprocess.run(argv, cwd=cwd, env=env, input=stdin, timeout=timeout,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                       preexec_fn=preexec_fn)
    if check and p.returncode != 0:
        raise Failure(f"exit {p.returncode}: {' '.join(argv)}\n--- stdout\n{p.stdout}"
                      f"\n--- stderr\n{p.stderr}")
    return p


PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN = 65, 1


def _refuse_write_execute():
    if ctypes.CDLL(None, use_errno=True).prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN, 0, 0, 0):
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_MDWE)")


def deny_write_execute():
    """A preexec_fn under which the kernel refuses writable+executable memory and executable
    stacks (PR_SET_MDWE, Linux >= 6.3), as MemoryDenyWriteExecute= does for the service; None
    where the kernel cannot."""
    probe = subprocess.run([sys.executable, "-c", "import ctypes, sys; sys.exit(ctypes.CDLL("
                            f"None).prctl({PR_SET_MDWE}, {PR_MDWE_REFUSE_EXEC_GAIN}, 0, 0, 0))"])
    return _refuse_write_execute if probe.returncode == 0 else None


def expect(condition, message):
    if not condition:
        raise Failure(message)


def step(message):
    print(f"-- {message}", flush=True)


def run_in_work_folder(name, keep, body):
    """Calls body(work folder); returns the test's exit code."""
    t0 = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix=f"gongwen-{name}."))
    passed = False
    try:
        body(work)
        passed = True
    except Failure as e:
        print(f"FAILED: {e}", file=sys.stderr)
        print(f"(kept for a look: {work})", file=sys.stderr)
        return 1
    finally:
        if passed and not keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"{name} passed in {time.monotonic() - t0:.0f} s")
    return 0
