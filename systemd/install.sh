#!/usr/bin/env bash
# Install (or update, or remove) the Foyer Kiosk on a Raspberry Pi running Raspberry Pi OS Lite.
#
#   sudo systemd/install.sh                     install or update from this clone
#   sudo systemd/install.sh --uninstall         remove it; keeps the records and settings
#   sudo systemd/install.sh --uninstall --purge-data
#                                               ... and deletes records, settings and the user
#   systemd/install.sh --root DIR [--no-venv]   write the files under DIR only (for tests and
#                                               image builders): no apt, no user, no systemctl,
#                                               no chown; those steps are printed as "skip:"
#   sudo systemd/install.sh --new-pin-key       the PIN key is lost for good: make a new one
#                                               (every staff PIN must then be set again)
#
# Running it again changes nothing that is already right; it is also how you update (see
# docs/updating.md). KIOSK_INSTALL_SKIP_VENV=1 is the same as --no-venv (the tests use it so
# no network is needed).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT=""
UNINSTALL=0
PURGE_DATA=0
NEW_PIN_KEY=0
SKIP_VENV="${KIOSK_INSTALL_SKIP_VENV:-0}"

PACKAGES=(cage foot fonts-dejavu-core python3 python3-venv python3-lgpio libpam-systemd)
KIOSK_USER=kiosk
KIOSK_GROUPS=(gpio video render input)
UNITS=(kiosk.service kiosk-close-day.service kiosk-close-day.timer kiosk-purge.service kiosk-purge.timer)
ENABLE=(kiosk.service kiosk-close-day.timer kiosk-purge.timer)

usage() {
  sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

die() {
  echo "install.sh: $*" >&2
  exit 1
}

while [ $# -gt 0 ]; do
  case "$1" in
    --root) [ $# -ge 2 ] || die "--root needs a folder"; ROOT="$2"; shift 2 ;;
    --root=*) ROOT="${1#--root=}"; shift ;;
    --no-venv) SKIP_VENV=1; shift ;;
    --uninstall) UNINSTALL=1; shift ;;
    --purge-data) PURGE_DATA=1; shift ;;
    --new-pin-key) NEW_PIN_KEY=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown option $1 (try --help)" ;;
  esac
done

if [ -n "$ROOT" ]; then
  mkdir -p "$ROOT"
  ROOT="$(cd "$ROOT" && pwd)"
  [ "$ROOT" != "/" ] || die "--root / is the real system: leave --root out instead"
elif [ "$(id -u)" != 0 ]; then
  die "run it as root: sudo $0 $*"
fi
[ "$PURGE_DATA" = 0 ] || [ "$UNINSTALL" = 1 ] || die "--purge-data only goes with --uninstall"

ETC_KIOSK="$ROOT/etc/kiosk"
DATA_DIR="$ROOT/var/lib/kiosk"
OPT="$ROOT/opt/kiosk"
VENV="$OPT/venv"
UNIT_DIR="$ROOT/etc/systemd/system"
PAM_FILE="$ROOT/etc/pam.d/kiosk"
BIN_LINK="$ROOT/usr/local/bin/kiosk"
SCHEDULE_DIR="$UNIT_DIR/kiosk-close-day.timer.d"

say() { echo "install.sh: $*"; }

# A step that needs the real system: done for real, or (with --root) printed and skipped.
system() {
  if [ -n "$ROOT" ]; then
    say "skip: $*"
  else
    "$@"
  fi
}

# Ownership is only meaningful on the real system (the kiosk user does not exist elsewhere).
owner() {
  local who="$1" path="$2"
  if [ -n "$ROOT" ]; then
    say "skip: chown $who ${path#"$ROOT"}"
  elif [ "$(stat -c %U:%G "$path")" != "$who" ]; then
    chown "$who" "$path"
  fi
}

# Create a folder with a mode, leaving it alone when already right.
folder() {
  local path="$1" mode="$2" who="$3"
  if [ ! -d "$path" ]; then
    mkdir -p "$path"
    say "created ${path#"$ROOT"}"
  fi
  [ "$(stat -c %a "$path")" = "${mode#0}" ] || chmod "$mode" "$path"
  owner "$who" "$path"
}

# Copy a file only when its content or mode differs, so a second run touches nothing.
put() {
  local src="$1" dest="$2" mode="$3" who="$4"
  if [ -f "$dest" ] && cmp -s "$src" "$dest"; then
    [ "$(stat -c %a "$dest")" = "${mode#0}" ] || chmod "$mode" "$dest"
  else
    mkdir -p "$(dirname "$dest")"
    install -m "$mode" "$src" "$dest.new"
    mv -f "$dest.new" "$dest"
    say "installed ${dest#"$ROOT"}"
  fi
  owner "$who" "$dest"
}

# A symlink pointing where it should, replaced only when it does not.
link() {
  local target="$1" path="$2"
  if [ "$(readlink "$path" 2>/dev/null || true)" != "$target" ]; then
    mkdir -p "$(dirname "$path")"
    ln -sfn "$target" "$path"
    say "linked ${path#"$ROOT"} -> $target"
  fi
}

remove() {
  local path
  for path in "$@"; do
    if [ -e "$path" ] || [ -L "$path" ]; then
      rm -rf -- "$path"
      say "removed ${path#"$ROOT"}"
    fi
  done
}

wanted_by() {
  sed -n 's/^WantedBy=//p' "$REPO/systemd/$1" | head -n1
}

install_packages() {
  local missing=() pkg
  if [ -n "$ROOT" ]; then
    say "skip: apt-get install ${PACKAGES[*]}"
    return
  fi
  for pkg in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

create_user() {
  local group
  if [ -n "$ROOT" ]; then
    say "skip: useradd --system $KIOSK_USER (groups ${KIOSK_GROUPS[*]})"
    return
  fi
  for group in "${KIOSK_GROUPS[@]}"; do
    getent group "$group" >/dev/null || groupadd --system "$group"
  done
  if ! id "$KIOSK_USER" >/dev/null 2>&1; then
    useradd --system --user-group --home-dir /nonexistent --no-create-home \
      --shell /usr/sbin/nologin --comment "Foyer Kiosk" "$KIOSK_USER"
    say "created user $KIOSK_USER"
  fi
  for group in "${KIOSK_GROUPS[@]}"; do
    id -nG "$KIOSK_USER" | tr ' ' '\n' | grep -qx "$group" || usermod -a -G "$group" "$KIOSK_USER"
  done
}

install_venv() {
  if [ "$SKIP_VENV" = 1 ]; then
    say "skip: venv in ${VENV#"$ROOT"} (--no-venv)"
    return
  fi
  if [ ! -x "$VENV/bin/python" ]; then
    # System site packages: python3-lgpio comes from Debian, already built for the Pi.
    python3 -m venv --system-site-packages "$VENV"
    say "created venv ${VENV#"$ROOT"}"
  fi
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade "$REPO"
  # The shipped settings and rules, where kiosk.config.share_dir() looks in an installed venv.
  local share="$VENV/share/foyer-kiosk" file
  folder "$share" 0755 root:root
  for file in "$REPO"/data/*; do
    [ -f "$file" ] && put "$file" "$share/$(basename "$file")" 0644 root:root
  done
  link /opt/kiosk/venv/bin/kiosk "$BIN_LINK"
}

install_files() {
  folder "$ETC_KIOSK" 0750 "root:$KIOSK_USER"
  # The school's settings: created once, never overwritten (compare with data/kiosk.toml).
  if [ ! -e "$ETC_KIOSK/kiosk.toml" ]; then
    # On the Pi the lock must be real: "gpio" stops the kiosk with a clear message when GPIO
    # is missing, where the shipped "auto" would quietly fall back to a simulated lock.
    local settings
    settings=$(mktemp)
    # Each kiosk's records carry its id (docs/scale-out.md): the Pi's host name, set once.
    local kiosk_id
    kiosk_id=$(hostname -s 2>/dev/null | tr -c 'A-Za-z0-9-' '-' | cut -c1-32)
    kiosk_id=${KIOSK_ID:-${kiosk_id:-foyer}}
    sed -e 's/^pin_factory = "auto" /pin_factory = "gpio" /' \
      -e "s/^kiosk_id = \"foyer\"/kiosk_id = \"$kiosk_id\"/" "$REPO/data/kiosk.toml" >"$settings"
    put "$settings" "$ETC_KIOSK/kiosk.toml" 0640 "root:$KIOSK_USER"
    rm -f "$settings"
  else
    [ "$(stat -c %a "$ETC_KIOSK/kiosk.toml")" = 640 ] || chmod 0640 "$ETC_KIOSK/kiosk.toml"
    owner "root:$KIOSK_USER" "$ETC_KIOSK/kiosk.toml"
  fi
  put "$REPO/systemd/foot.ini" "$ETC_KIOSK/foot.ini" 0644 root:root
  folder "$DATA_DIR" 0750 "$KIOSK_USER:$KIOSK_USER"
  pin_key
  folder "$OPT" 0755 root:root
  local doc
  folder "$OPT/docs" 0755 root:root
  for doc in "$REPO"/docs/*.md; do
    [ -f "$doc" ] && put "$doc" "$OPT/docs/$(basename "$doc")" 0644 root:root
  done
  put "$REPO/systemd/pam-kiosk" "$PAM_FILE" 0644 root:root
  local unit
  for unit in "${UNITS[@]}"; do
    put "$REPO/systemd/$unit" "$UNIT_DIR/$unit" 0644 root:root
  done
  write_schedule
}

# The PIN key (pepper) mixed into every staff PIN hash; kept here, never in the data folder,
# so a copy of /var/lib/kiosk or a backup of it cannot be used to guess PINs. Made once and
# never replaced: a new key makes every staff PIN useless. Back it up separately
# (docs/backup-restore.md).
pin_key() {
  local key="$ETC_KIOSK/pin-key" old
  if [ -e "$key" ] && [ "$NEW_PIN_KEY" = 1 ]; then
    old="$key.old-$(date +%Y%m%d%H%M%S)"
    mv "$key" "$old"
    say "moved the old PIN key to ${old#"$ROOT"}"
  fi
  if [ ! -e "$key" ]; then
    if [ "$NEW_PIN_KEY" = 0 ] && grep -qs 'scrypt-hmac\$' "$DATA_DIR/live.json"; then
      die "the PIN key ${key#"$ROOT"} is missing and the staff PINs need it: restore it from its backup (docs/backup-restore.md), or if it is lost for good run install.sh --new-pin-key and set every staff PIN again"
    fi
    (
      umask 0177
      od -An -tx1 -N32 /dev/urandom | tr -d ' \n' >"$key.new"
      echo >>"$key.new"
    )
    chmod 0640 "$key.new"
    mv -f "$key.new" "$key"
    say "created ${key#"$ROOT"} (the PIN key: back it up separately, see docs/backup-restore.md)"
  fi
  [ "$(stat -c %a "$key")" = 640 ] || chmod 0640 "$key"
  owner "root:$KIOSK_USER" "$key"
}

write_schedule() {
  local tmp
  tmp="$(mktemp)"
  if ! python3 "$REPO/systemd/close_day_schedule.py" "$ETC_KIOSK/kiosk.toml" >"$tmp"; then
    rm -f "$tmp"
    die "fix ${ETC_KIOSK#"$ROOT"}/kiosk.toml and run install.sh again"
  fi
  folder "$SCHEDULE_DIR" 0755 root:root
  put "$tmp" "$SCHEDULE_DIR/schedule.conf" 0644 root:root
  rm -f "$tmp"
}

check_foot_config() {
  # A foot.ini that foot rejects would leave a blank screen: catch it now, not at boot.
  if [ -z "$ROOT" ] && command -v foot >/dev/null; then
    foot --check-config --config="$ETC_KIOSK/foot.ini" 2>/dev/null \
      || die "foot rejects $ETC_KIOSK/foot.ini (run: foot --check-config --config=$ETC_KIOSK/foot.ini)"
  fi
}

enable_units() {
  local unit
  if [ -n "$ROOT" ]; then
    for unit in "${ENABLE[@]}"; do
      link "/etc/systemd/system/$unit" "$UNIT_DIR/$(wanted_by "$unit").wants/$unit"
    done
    # The kiosk takes tty1 instead of the console login.
    remove "$UNIT_DIR/getty.target.wants/getty@tty1.service"
    say "skip: systemctl daemon-reload"
    return
  fi
  systemctl daemon-reload
  systemctl enable --quiet "${ENABLE[@]}"
  # kiosk.service is part of multi-user.target, which Lite boots into, so the default target
  # stays as it is. A desktop image would fight the kiosk for the screen: say so.
  if systemctl is-enabled --quiet display-manager.service 2>/dev/null; then
    say "warning: a desktop login (display-manager.service) is enabled and will compete for the"
    say "screen. Use Raspberry Pi OS Lite, or: sudo systemctl disable display-manager.service"
    say "&& sudo systemctl set-default multi-user.target"
  fi
  systemctl disable --quiet getty@tty1.service 2>/dev/null || true
  systemctl start --quiet kiosk-close-day.timer kiosk-purge.timer
}

uninstall() {
  local unit
  if [ -n "$ROOT" ]; then
    say "skip: systemctl disable --now ${ENABLE[*]}"
    for unit in "${ENABLE[@]}"; do
      remove "$UNIT_DIR/$(wanted_by "$unit").wants/$unit"
    done
    if [ -e "$ROOT/usr/lib/systemd/system/getty@.service" ]; then
      link /usr/lib/systemd/system/getty@.service "$UNIT_DIR/getty.target.wants/getty@tty1.service"
    fi
  else
    systemctl disable --now --quiet "${ENABLE[@]}" 2>/dev/null || true
    systemctl enable --quiet getty@tty1.service 2>/dev/null || true
  fi
  for unit in "${UNITS[@]}"; do
    remove "$UNIT_DIR/$unit"
  done
  remove "$SCHEDULE_DIR" "$PAM_FILE" "$ETC_KIOSK/foot.ini" "$OPT" "$BIN_LINK"
  system systemctl daemon-reload
  if [ "$PURGE_DATA" = 1 ]; then
    remove "$DATA_DIR" "$ETC_KIOSK"
    if [ -z "$ROOT" ] && id "$KIOSK_USER" >/dev/null 2>&1; then
      userdel "$KIOSK_USER"
      say "removed user $KIOSK_USER"
    elif [ -n "$ROOT" ]; then
      say "skip: userdel $KIOSK_USER"
    fi
    say "records and settings deleted"
  else
    say "kept the records in ${DATA_DIR#"$ROOT"} and the settings in ${ETC_KIOSK#"$ROOT"}"
    say "(--uninstall --purge-data deletes them and the $KIOSK_USER user)"
  fi
}

if [ "$UNINSTALL" = 1 ]; then
  uninstall
  exit 0
fi

install_packages
create_user
install_files
install_venv
check_foot_config
enable_units
say "done. The kiosk starts on tty1 at boot; to start it now: sudo systemctl restart kiosk.service"
say "then add the first admin: see docs/install-pi.md, 'First staff PIN'"
