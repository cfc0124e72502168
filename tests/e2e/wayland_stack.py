"""The kiosk's real display stack, headless: sway, foot with systemd/foot.ini, `kiosk demo`.

foot is started as kiosk.service starts it on the Pi, through `kiosk terminal`, which gives it
the font for [display] text_size (a settings file made for the stack when one is asked for).

On the Pi the kiosk runs in foot under a Wayland compositor. Here sway's headless backend
stands in for the panel (one 800x480 output, pixman rendering, no input devices), `grim` takes
screenshots, `wtype` types through the compositor's virtual keyboard (as a USB scanner types
a code and Enter) and tests/e2e/wayland_pointer.py taps with a virtual pointer.

A keyboard is plugged in before foot starts, as the scanner is on the Pi: an idle `wtype`
holding a virtual keyboard for the stack's life. Without it the seat has no keyboard until
each `wtype` makes one, foot binds it only on hearing so, and the first key of a code raced
that binding and was lost 2 runs in 7 or so ("ASS-..." for "PASS-...", so no goodbye).
The finger's pointer likewise: one virtual pointer for the stack's life. A new one per tap
(as this harness first did) made the seat gain and lose its pointer each time, and foot
missed about one tap in four while it bound the new one (22 of 30 presses reached foot,
counted with WAYLAND_DEBUG).

sway must not run as root: as root, the stack runs as a throwaway system user made for it
and removed afterwards. Every process started here is stopped by its id when the stack
closes, and every wait polls against a deadline.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import sysconfig
import tempfile
import termios
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from tests.e2e import wayland_pointer

REPO = Path(__file__).resolve().parents[2]
FOOT_INI = REPO / "systemd" / "foot.ini"
TOOLS = ("sway", "swaymsg", "grim", "wtype", "foot")
WIDTH, HEIGHT = 800, 480  # the 7" panel
DEADLINE = 60.0  # seconds; only a hung stack gets near it
KEYBOARD_HELD_MS = 24 * 3600 * 1000  # the idle keyboard's wtype outlives any test; stopped at close

# A left-button event as libwayland's WAYLAND_DEBUG prints it for a client (foot) receiving
# it: wl_pointer@29.button(serial, time, 272, 1); newer libwayland writes wl_pointer#29.
DELIVERED_BUTTON = re.compile(r"wl_pointer[@#]\d+\.button\(\d+, \d+, 272, ([01])\)")

SWAY_CONFIG = f"""\
output HEADLESS-1 resolution {WIDTH}x{HEIGHT}
default_border none
default_floating_border none
focus_follows_mouse no
"""

T = TypeVar("T")


def missing_tools() -> list[str]:
    # As root the stack runs as a throwaway user, made and removed with useradd/userdel.
    tools = (*TOOLS, "useradd", "userdel") if os.geteuid() == 0 else TOOLS
    return [tool for tool in tools if shutil.which(tool) is None]


def poll(what: str, check: Callable[[], T | None], deadline: float = DEADLINE) -> T:
    """check() until it returns something other than None (or False); fail at the deadline."""
    end = time.monotonic() + deadline
    while True:
        result = check()
        if result is not None and result is not False:
            return result
        if time.monotonic() > end:
            raise AssertionError(f"timed out after {deadline:.0f} s waiting for {what}")
        time.sleep(0.1)  # a poll interval, not a wait for something to happen


# --- foot's config, for the foot installed here -----------------------------------------------

FOOT_ERROR = re.compile(r" err: .*?:(\d+): \[([^\]]*)\][^:]*: (.*)")


def foot_config_for_this_foot(target: Path, source: Path = FOOT_INI) -> list[str]:
    """Copy foot.ini without the lines this foot rejects; returns what was dropped.

    systemd/foot.ini is written for the Pi's foot (1.21); Debian bookworm has 1.13, which does
    not know [touch] and some newer options. foot stops at the first error, so check, drop
    that line (or that whole section), and check again.
    """
    lines = source.read_text().splitlines()
    dropped: list[str] = []
    for _ in range(len(lines)):
        target.write_text("\n".join(lines) + "\n")
        result = subprocess.run(
            ["foot", "--check-config", f"--config={target}"],
            capture_output=True,
            text=True,
            timeout=30,
        )
        if result.returncode == 0:
            return dropped
        match = next(filter(None, map(FOOT_ERROR.search, result.stderr.splitlines())), None)
        if match is None:
            raise AssertionError(f"foot rejects {source} and says:\n{result.stderr}")
        index = int(match.group(1)) - 1
        end = index + 1
        if "invalid section name" in match.group(3):
            while end < len(lines) and not lines[end].lstrip().startswith("["):
                end += 1
        dropped.extend(line for line in lines[index:end] if line and not line.startswith("#"))
        del lines[index:end]
    raise AssertionError(f"foot rejects every line of {source}")


# --- who the stack runs as -----------------------------------------------------------------------


@dataclass
class Account:
    name: str
    uid: int
    gid: int
    created: bool  # a throwaway user made for this stack (when the tests run as root)

    def popen(self, args: list[str], env: dict[str, str], **kwargs: object) -> subprocess.Popen:
        if self.created:
            kwargs.update(user=self.uid, group=self.gid, extra_groups=[])
        return subprocess.Popen(args, env=env, cwd="/", **kwargs)  # type: ignore[call-overload]

    def run(
        self, args: list[str], env: dict[str, str], timeout: float = 30
    ) -> subprocess.CompletedProcess[bytes]:
        process = self.popen(args, env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            raise
        return subprocess.CompletedProcess(args, process.returncode, out, err)

    def own(self, path: Path) -> None:
        if self.created:
            os.chown(path, self.uid, self.gid)


@contextmanager
def stack_account() -> Iterator[Account]:
    """The current user, or as root a throwaway system user (removed afterwards)."""
    if os.geteuid() != 0:
        yield Account(os.environ.get("USER", "me"), os.getuid(), os.getgid(), created=False)
        return
    import pwd

    name = f"kioske2e{uuid.uuid4().hex[:12]}"

    def add_user() -> bool | None:
        result = subprocess.run(
            ["useradd", "--system", "--user-group", "--no-create-home",
             "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", name],
            capture_output=True, text=True, timeout=30,
        )  # fmt: skip
        if result.returncode in (1, 10):  # /etc/passwd or /etc/group locked: a parallel test
            return None
        if result.returncode != 0:
            raise AssertionError(f"useradd failed: {result.stderr}")
        return True

    poll("useradd to get the password file's lock", add_user, deadline=30)
    entry = pwd.getpwnam(name)
    account = Account(name, entry.pw_uid, entry.pw_gid, created=True)
    try:
        yield account
    finally:
        # Every process of this brand-new user was started by this stack.
        stop_processes(processes_of_user(account.uid))
        subprocess.run(["userdel", name], capture_output=True, timeout=30)
        with suppress(KeyError):
            import grp

            grp.getgrnam(name)
            subprocess.run(["groupdel", name], capture_output=True, timeout=30)


# --- processes ---------------------------------------------------------------------------------


def _proc_stat(pid: int) -> tuple[int, int] | None:
    """(parent pid, real uid) of a live process, or None."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        uid = Path(f"/proc/{pid}").stat().st_uid
    except OSError:
        return None
    return int(stat[stat.rindex(")") + 2 :].split()[1]), uid


def _all_pids() -> list[int]:
    return [int(entry) for entry in os.listdir("/proc") if entry.isdigit()]


def descendants(pid: int) -> list[int]:
    parents = {p: info[0] for p in _all_pids() if (info := _proc_stat(p)) is not None}
    found, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        children = [child for child, ppid in parents.items() if ppid == parent]
        found.extend(children)
        frontier.extend(children)
    return found


def processes_of_user(uid: int) -> list[int]:
    return [p for p in _all_pids() if (info := _proc_stat(p)) is not None and info[1] == uid]


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return state[state.rindex(")") + 2] != "Z"  # a zombie has stopped; its parent reaps it


def _busy_state(pid: int) -> tuple[bool, int] | None:
    """(any thread running or waiting for a CPU, CPU ticks used so far) of a live process."""
    try:
        busy, ticks = False, 0
        for task in Path(f"/proc/{pid}/task").iterdir():
            stat = (task / "stat").read_text()
            fields = stat[stat.rindex(")") + 2 :].split()
            busy = busy or fields[0] in ("R", "D")
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
    except (OSError, ValueError):
        return None
    return busy, ticks


def stop_processes(pids: list[int], deadline: float = 10) -> None:
    """SIGTERM each, then SIGKILL any still running at the deadline."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in pids:
            with suppress(ProcessLookupError, PermissionError):
                os.kill(pid, sig)
        end = time.monotonic() + deadline
        while any(alive(pid) for pid in pids) and time.monotonic() < end:
            time.sleep(0.05)
        if not any(alive(pid) for pid in pids):
            return


def stop(process: subprocess.Popen) -> None:
    """A process started here and everything it started (foot's kiosk, sway's helpers)."""
    if process.poll() is None:
        family = descendants(process.pid)
        stop_processes([process.pid])
        stop_processes([pid for pid in family if alive(pid)])
    with suppress(subprocess.TimeoutExpired):
        process.wait(timeout=10)


# --- screenshots -------------------------------------------------------------------------------


Colour = tuple[int, int, int]


@dataclass
class Box:
    left: int
    top: int
    right: int
    bottom: int
    pixels: int

    @property
    def centre(self) -> tuple[int, int]:
        return (self.left + self.right) // 2, (self.top + self.bottom) // 2

    @property
    def width(self) -> int:
        return self.right - self.left + 1

    @property
    def height(self) -> int:
        return self.bottom - self.top + 1


class Screenshot:
    """An RGB screenshot from `grim -t ppm` (binary PPM: a text header, then RGB bytes)."""

    def __init__(self, ppm: bytes) -> None:
        fields: list[bytes] = []
        position = 0
        while len(fields) < 4:  # magic, width, height, maxval; '#' starts a comment
            while ppm[position : position + 1].isspace():
                position += 1
            if ppm[position : position + 1] == b"#":
                position = ppm.index(b"\n", position)
                continue
            end = position
            while not ppm[end : end + 1].isspace():
                end += 1
            fields.append(ppm[position:end])
            position = end
        if fields[0] != b"P6" or fields[3] != b"255":
            raise ValueError(f"not an 8-bit binary PPM: {fields}")
        self.width, self.height = int(fields[1]), int(fields[2])
        self.rgb = ppm[position + 1 : position + 1 + self.width * self.height * 3]
        if len(self.rgb) != self.width * self.height * 3:
            raise ValueError("truncated screenshot")

    def pixel(self, x: int, y: int) -> Colour:
        i = (y * self.width + x) * 3
        return self.rgb[i], self.rgb[i + 1], self.rgb[i + 2]

    def colours(self, top: int = 0, bottom: int | None = None, step: int = 2) -> Counter[Colour]:
        """How many (sampled) pixels of each colour, in rows top..bottom."""
        bottom = self.height - 1 if bottom is None else bottom
        counts: Counter[Colour] = Counter()
        for y in range(top, bottom + 1, step):
            row = self.rgb[y * self.width * 3 : (y + 1) * self.width * 3]
            counts.update(zip(row[0::3][::step], row[1::3][::step], row[2::3][::step], strict=True))
        return counts

    def box_of(self, wanted: Callable[[Colour], bool], step: int = 2) -> Box | None:
        """The bounding box of the (sampled) pixels whose colour is wanted."""
        left, top, right, bottom, count = self.width, self.height, -1, -1, 0
        for y in range(0, self.height, step):
            row = self.rgb[y * self.width * 3 : (y + 1) * self.width * 3]
            for x in range(0, self.width, step):
                if wanted((row[3 * x], row[3 * x + 1], row[3 * x + 2])):
                    left, right = min(left, x), max(right, x)
                    top, bottom = min(top, y), max(bottom, y)
                    count += 1
        return Box(left, top, right, bottom, count * step * step) if count else None

    def same_as(self, other: Screenshot) -> bool:
        return self.rgb == other.rgb


def bluish(c: Colour) -> bool:
    """The primary button (Sign in): clearly blue, whatever the theme's exact shade."""
    r, g, b = c
    return b >= 120 and b > r + 80 and b > g + 40


def greenish(c: Colour) -> bool:
    """The success button (Sign out)."""
    r, g, b = c
    return g >= 120 and g > r + 40 and g > b + 30


# --- the stack ---------------------------------------------------------------------------------


def kiosk_distributions() -> list[str]:
    """The installed distributions the kiosk needs at run time (its requirements, followed)."""
    from importlib import metadata

    from packaging.requirements import Requirement

    wanted, seen = ["foyer-kiosk"], set()
    while wanted:
        name = wanted.pop()
        key = name.lower().replace("_", "-")
        if key in seen:
            continue
        seen.add(key)
        with suppress(metadata.PackageNotFoundError):
            for spec in metadata.requires(name) or []:
                requirement = Requirement(spec)
                if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                    wanted.append(requirement.name)
    seen.discard("foyer-kiosk")
    return sorted(seen)


def copy_kiosk_for_another_user(repo: Path, target: Path) -> None:
    """`kiosk`, `hardware` and `data` from the tree, and every file the kiosk's libraries
    installed under site-packages, into `target`: world-readable, for PYTHONPATH."""
    from importlib import metadata

    ignore = shutil.ignore_patterns("__pycache__")
    for folder in ("kiosk", "hardware", "data"):
        shutil.copytree(repo / folder, target / folder, ignore=ignore)
    for name in kiosk_distributions():
        with suppress(metadata.PackageNotFoundError):
            for file in metadata.distribution(name).files or []:
                if file.parts[0] == ".." or "__pycache__" in file.parts:
                    continue  # scripts in bin/, and caches
                source = Path(str(file.locate()))
                if source.is_file():
                    (target / file).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(source, target / file)
    for folder, _subfolders, files in os.walk(target):
        os.chmod(folder, 0o755)
        for file in files:
            os.chmod(os.path.join(folder, file), 0o644)


class WaylandStack:
    """sway on a headless 800x480 output, running foot with the kiosk demo in it."""

    def __init__(
        self,
        account: Account,
        folder: Path,
        text_size: str | None = None,
        *,
        trace_taps: bool = False,
    ) -> None:
        self.account = account
        self.folder = folder
        self.text_size = text_size  # [display] text_size; None: the shipped default
        # Count every tap on the way in: the button events the compositor delivered to foot
        # (libwayland's WAYLAND_DEBUG log, in foot.log) and what the kiosk received and did
        # (`kiosk demo --tap-log`, in tap_log).
        self.trace_taps = trace_taps
        self.tap_log = folder / "home" / "taps.log"
        self.pointer: wayland_pointer.VirtualPointer | None = None
        self.runtime = folder / "runtime"
        self.home = folder / "home"
        # In the user's home: the demo keeps its PIN key beside its data folder (demo.pin-key).
        self.data_dir = self.home / "demo"
        self.foot_ini = folder / "foot.ini"
        self.dropped_foot_lines: list[str] = []
        self.processes: list[subprocess.Popen] = []
        self.seen_kiosk: set[int] = set()  # stopped at close even if foot went first
        self.logs: list[Path] = []
        self.wayland_socket: Path | None = None

    # environment

    def env(self, **extra: str) -> dict[str, str]:
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.home),
            "XDG_RUNTIME_DIR": str(self.runtime),
            "LANG": "C.UTF-8",
        }
        if self.wayland_socket is not None:
            env["WAYLAND_DISPLAY"] = self.wayland_socket.name
        env.update(extra)
        return env

    def kiosk_python(self) -> tuple[str, dict[str, str]]:
        """A Python this account can run that imports this tree's kiosk and its libraries.

        The test's own interpreter when the account can reach it; else (a root-only venv,
        e.g. under /root) the system's python3 pointed at the repo and this venv's pure-Python
        site-packages (the kiosk's dependencies are pure Python); else (the clone itself in a
        private folder, as `mktemp -d` and root's home are) the system's python3 pointed at a
        copy of the kiosk and its libraries in the stack's own folder, which the account reads.
        """
        system = shutil.which("python3", path="/usr/bin:/bin")
        candidates: list[tuple[str, Callable[[], dict[str, str]]]] = [(sys.executable, dict)]
        if system:
            purelib = sysconfig.get_paths()["purelib"]
            repo_and_venv = os.pathsep.join([str(REPO), purelib])
            candidates.append((system, lambda: {"PYTHONPATH": repo_and_venv}))
            candidates.append((system, lambda: {"PYTHONPATH": str(self._readable_copy())}))
        problems = []
        for python, make_extra in candidates:
            extra = dict(make_extra(), PYTHONDONTWRITEBYTECODE="1")
            problem = self._cannot_import_kiosk(python, extra)
            if problem is None:
                return python, extra
            problems.append(problem)
        raise AssertionError(
            f"no Python that user {self.account.name} can run imports the kiosk:\n"
            + "\n".join(problems)
        )

    def _cannot_import_kiosk(self, python: str, extra: dict[str, str]) -> str | None:
        check = ["-c", "import kiosk, textual, tinydb, qrcode, gpiozero"]
        try:
            result = self.account.run([python, *check], self.env(**extra))
        except OSError as error:  # e.g. a venv under /root, which the account cannot enter
            return f"{python}: {error}"
        if result.returncode == 0:
            return None
        return f"{python}: {result.stderr.decode(errors='replace').strip()[-300:]}"

    def _readable_copy(self) -> Path:
        """The kiosk's packages, its shipped data and its libraries, copied where the account
        can read them (the stack's folder is 0755 and removed with the stack)."""
        target = self.folder / "python"
        if not target.exists():
            copy_kiosk_for_another_user(REPO, target)
        return target

    def _log(self, name: str) -> Path:
        path = self.folder / f"{name}.log"
        path.touch()
        self.account.own(path)
        self.logs.append(path)
        return path

    # starting

    def start(self) -> None:
        for folder in (self.runtime, self.home, self.data_dir):
            folder.mkdir(mode=0o700)
            self.account.own(folder)
        self.dropped_foot_lines = foot_config_for_this_foot(self.foot_ini)
        sway_config = self.folder / "sway.conf"
        sway_config.write_text(SWAY_CONFIG)
        for path in (self.foot_ini, sway_config):
            path.chmod(0o644)

        headless = dict(WLR_BACKENDS="headless", WLR_LIBINPUT_NO_DEVICES="1", WLR_RENDERER="pixman")
        with self._log("sway").open("wb") as log:
            self.processes.append(
                self.account.popen(
                    ["sway", "--config", str(sway_config)],
                    self.env(**headless),
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )
        self.wayland_socket = poll("sway's Wayland socket", self._find_socket)
        poll("sway's IPC socket", lambda: next(self.runtime.glob("sway-ipc.*.sock"), None))

        self._plug_in_keyboard()
        self.pointer = wayland_pointer.VirtualPointer(self.wayland_socket)
        python, extra = self.kiosk_python()
        if self.text_size is not None:
            # In the user's home: with a settings file, the demo keeps its PIN key beside it.
            settings = self.home / "kiosk.toml"
            settings.write_text(f'[display]\ntext_size = "{self.text_size}"\n')
            self.account.own(settings)
            extra["KIOSK_CONFIG"] = str(settings)
        kiosk = [python, "-m", "kiosk", "demo", "--data-dir", str(self.data_dir)]
        if self.trace_taps:
            kiosk += ["--tap-log", str(self.tap_log)]
            extra["WAYLAND_DEBUG"] = "client"  # foot logs each event the compositor sends it
        # As on the Pi: `kiosk terminal` becomes foot, with the font for the text size.
        terminal = [python, "-m", "kiosk", "terminal", "--", f"--config={self.foot_ini}"]
        with self._log("foot").open("wb") as log:
            self.processes.append(
                self.account.popen(
                    [*terminal, *kiosk],
                    self.env(**extra),
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )

    def _plug_in_keyboard(self) -> None:
        """A virtual keyboard that stays in the seat (see the module's note), started before
        foot so that foot has its keyboard, and focus, from its first frame."""
        with self._log("keyboard").open("wb") as log:
            self.processes.append(
                self.account.popen(
                    ["wtype", "-s", str(KEYBOARD_HELD_MS)],
                    self.env(),
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )
        poll("the virtual keyboard in sway's seat", self._has_keyboard)

    def _has_keyboard(self) -> bool:
        self._check_running()
        sock = next(self.runtime.glob("sway-ipc.*.sock"))
        result = self.account.run(["swaymsg", "-s", str(sock), "-t", "get_inputs"], self.env())
        return any(device.get("type") == "keyboard" for device in json.loads(result.stdout))

    def _find_socket(self) -> Path | None:
        self._check_running()
        return next((p for p in self.runtime.glob("wayland-*") if p.suffix != ".lock"), None)

    def _check_running(self) -> None:
        for process in self.processes:
            if process.poll() is not None:
                raise AssertionError(
                    f"{process.args[0]} exited with {process.returncode}:\n{self.log_tail()}"
                )

    def log_tail(self) -> str:
        return "\n".join(
            f"--- {log.name}\n" + "\n".join(log.read_text(errors="replace").splitlines()[-15:])
            for log in self.logs
        )

    def close(self) -> None:
        if self.pointer is not None:
            self.pointer.close()
            self.pointer = None
        for process in reversed(self.processes):  # foot (and the kiosk in it), then sway
            stop(process)
        stop_processes([pid for pid in self.seen_kiosk if alive(pid)])

    # looking and touching

    def screenshot(self) -> Screenshot:
        self._check_running()
        result = self.account.run(["grim", "-t", "ppm", "-"], self.env())
        if result.returncode != 0:
            raise AssertionError(f"grim failed: {result.stderr.decode(errors='replace')}")
        return Screenshot(result.stdout)

    def windows(self) -> list[dict]:
        """sway's tree: every view with its app_id, rectangle and fullscreen mode."""
        sock = next(self.runtime.glob("sway-ipc.*.sock"))
        result = self.account.run(["swaymsg", "-s", str(sock), "-t", "get_tree"], self.env())
        views: list[dict] = []

        def walk(node: dict) -> None:
            if node.get("pid") is not None:
                views.append(node)
            for child in node.get("nodes", []) + node.get("floating_nodes", []):
                walk(child)

        walk(json.loads(result.stdout))
        return views

    def type(self, text: str) -> None:
        """Keys through the compositor's virtual keyboard, then Enter: what a scanner does."""
        result = self.account.run(["wtype", text, "-k", "Return"], self.env())
        if result.returncode != 0:
            raise AssertionError(f"wtype failed: {result.stderr.decode(errors='replace')}")

    def tap(self, x: int, y: int) -> None:
        """A finger's tap at pixel (x, y): the stack's pointer moves there, presses, releases."""
        assert self.pointer is not None, "the stack is not started"
        self.pointer.move_to(x, y, WIDTH, HEIGHT)
        self.pointer.click()

    def tap_again(self) -> None:
        """Another tap where the pointer already is: a press and release, no motion, so one
        round trip to the compositor rather than tap's two (a finger bouncing on one spot)."""
        assert self.pointer is not None, "the stack is not started"
        self.pointer.click()

    def buttons_delivered(self) -> tuple[int, int]:
        """(presses, releases) of the left button the compositor sent foot (trace_taps)."""
        log = (self.folder / "foot.log").read_text(errors="replace")
        states = DELIVERED_BUTTON.findall(log)
        return states.count("1"), states.count("0")

    def tap_log_lines(self) -> list[str]:
        """The kiosk's own account of each tap (trace_taps): see kiosk/ui/tap_log.py."""
        try:
            return self.tap_log.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []

    def wait_until_idle(self, quiet_polls: int = 3) -> None:
        """Until foot and the kiosk have stopped working (every thread asleep and no CPU time
        used, `quiet_polls` looks in a row): what the last tap changed is on the panel. A
        finger waits for the screen to change before tapping what it brought up."""
        pids = [self.processes[-1].pid, *self.kiosk_pids()]
        quiet, last = 0, None

        def settled() -> bool:
            nonlocal quiet, last
            now = [_busy_state(pid) for pid in pids]
            busy = any(state is None or state[0] for state in now)
            cpu = [state[1] if state else -1 for state in now]
            quiet = 0 if busy or cpu != last else quiet + 1
            last = cpu
            return quiet >= quiet_polls

        poll("foot and the kiosk to finish drawing", settled)

    def foot_cell(self) -> tuple[int, int] | None:
        """foot's character cell in pixels (width, height), from its log, once it has one."""
        log = (self.folder / "foot.log").read_text(errors="replace")
        found = re.findall(r"cell width=(\d+), height=(\d+)", log)
        return (int(found[-1][0]), int(found[-1][1])) if found else None

    def kiosk_grid(self) -> tuple[int, int] | None:
        """The columns and rows the kiosk's terminal has (what the kiosk lays out in)."""
        for pid in self.kiosk_pids():
            try:
                with open(f"/proc/{pid}/fd/0", "rb", buffering=0) as tty:
                    size = fcntl.ioctl(tty.fileno(), termios.TIOCGWINSZ, bytes(8))
            except OSError:
                continue
            rows, columns, _, _ = struct.unpack("HHHH", size)
            return columns, rows
        return None

    def kiosk_pids(self) -> list[int]:
        """foot's children: the kiosk."""
        pids = descendants(self.processes[-1].pid) if len(self.processes) > 1 else []
        self.seen_kiosk.update(pids)
        return pids


@contextmanager
def wayland_stack(
    text_size: str | None = None, *, trace_taps: bool = False
) -> Iterator[WaylandStack]:
    with stack_account() as account:
        # Not pytest's tmp_path: as root that sits in a 0700 folder the account cannot enter.
        folder = Path(tempfile.mkdtemp(prefix="kiosk-wayland-"))
        folder.chmod(0o755)
        stack = WaylandStack(account, folder, text_size, trace_taps=trace_taps)
        try:
            stack.start()
            yield stack
        finally:
            stack.close()
            shutil.rmtree(folder, ignore_errors=True)
