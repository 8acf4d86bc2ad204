"""``diffusioncheck ARGS``: runs the bundled ``checker`` with ARGS and exits with its status.

One addition for hooks that receive many files: ``diffusioncheck verify-schedule-configs FILE...``
runs ``checker verify-schedule --config FILE`` for each file and exits with the largest status;
options for verify-schedule go with them in the ``--name=value`` form (``--inference-steps=50``).
"""

import os
import subprocess
import sys

from ._api import checker_path


def _verify_configs(files, extra):
    status = 0
    for path in files:
        completed = subprocess.run([checker_path(), "verify-schedule", "--config", path, *extra])
        status = max(status, completed.returncode)
    return status


def main(argv=None):
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["verify-schedule-configs"]:
        files = [a for a in args[1:] if not a.startswith("-")]
        extra = [a for a in args[1:] if a.startswith("-")]
        return _verify_configs(files, extra)
    binary = checker_path()
    if os.name == "posix" and argv is None:
        os.execv(binary, [binary, *args])
    return subprocess.run([binary, *args]).returncode


if __name__ == "__main__":
    sys.exit(main())
