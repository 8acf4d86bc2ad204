"""DiffusionCheck from Python: the ``checker`` binary, and a small API over it.

The wheel carries a statically linked ``checker`` (Swift runtime and GSL inside; it needs only the
C library at run time). Everything here runs that binary and reads its JSON output:

    import diffusioncheck
    report = diffusioncheck.check_scheduler(pipe.scheduler, inference_steps=50)
    assert report.passed, report.text
    assert diffusioncheck.lint("notes/").passed

Exit status of the binary: 0 right, 1 findings at or above ``fail_on``, 2 bad input. The API turns
0 and 1 into a :class:`Report` and raises :class:`DiffusionCheckError` for 2.
"""

from ._api import (
    DiffusionCheckError,
    Report,
    check_scheduler,
    checker_path,
    lint,
    run_checker,
)

__all__ = [
    "DiffusionCheckError",
    "Report",
    "check_scheduler",
    "checker_path",
    "lint",
    "run_checker",
]
__version__ = "0.1.0"
