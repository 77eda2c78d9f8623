#!/usr/bin/env bash
# Checks that a newcomer on a fresh Debian machine can build and test Kader:
# the two commands at the top of README.md, run as they stand in a minimal
# Debian root made with debootstrap.
#
#   scripts/check-debian.sh [--fresh] RELEASE [ROOT]
#
# RELEASE is a Debian suite, bookworm (12) or trixie (13); ROOT is the folder
# for the Debian root (default /var/tmp/kader-chroots/RELEASE). A ROOT that
# already holds a Debian system is reused, packages and all (a quick re-run);
# --fresh deletes it first, so set-up starts from nothing again.
#
# What it does:
#  1. debootstrap --variant=minbase RELEASE into ROOT (with ca-certificates,
#     git and sudo, which a newcomer who cloned the repository has);
#  2. makes a user `newcomer` with password-less sudo, as on a fresh machine;
#  3. copies this checkout to ~newcomer/kader: a clone of its HEAD with the
#     working tree's uncommitted changes and new files laid over it;
#  4. runs, as newcomer, in ~newcomer/kader, the two commands from README.md's
#     first two ```sh blocks (set-up, build and decide an example case; then
#     set-up and every test).
# It exits non-zero when anything fails. /proc, /sys and /dev are mounted in
# ROOT while it runs, and unmounted at the end.
#
# Needs root (debootstrap, chroot, mount): it runs itself under sudo when not
# root. Needs debootstrap (`apt-get install debootstrap`) and network access
# to the Debian mirror ($DEBIAN_MIRROR, default http://deb.debian.org/debian).
# The build uses $JOBS parallel jobs (default: every core) at nice 10.
# Slow (a full build and test run, 15-40 minutes): run it by hand, not in CI.
set -euo pipefail

usage() { echo "usage: scripts/check-debian.sh [--fresh] RELEASE [ROOT]" >&2; exit 2; }
args=("$@")
fresh=0
if [ "${1:-}" = "--fresh" ]; then fresh=1; shift; fi
[ $# -ge 1 ] && [ $# -le 2 ] || usage
case "$1" in -*) usage ;; esac
release=$1
root=${2:-/var/tmp/kader-chroots/$release}
src=$(cd "$(dirname "$0")/.." && pwd)

if [ "$(id -u)" -ne 0 ]; then
  exec sudo DEBIAN_MIRROR="${DEBIAN_MIRROR:-}" JOBS="${JOBS:-}" "$0" "${args[@]}"
fi
# Root reads a checkout that may belong to someone else: tell git it is safe.
export GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=safe.directory GIT_CONFIG_VALUE_0="$src"
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
jobs=${JOBS:-$(nproc)}
user=newcomer
say() { echo "check-debian[$release]: $*" >&2; }

command -v debootstrap >/dev/null || { say "needs debootstrap: apt-get install debootstrap"; exit 2; }
root=$(realpath -m "$root")
case "$root" in /|/usr|/usr/*|/etc|/etc/*|/home|/root) say "refusing ROOT $root"; exit 2 ;; esac

# The two commands, from README.md as it stands in this checkout.
readarray -t commands < <(awk '/^```sh$/ { inside = 1; next }
                               /^```/    { if (inside) blocks++; inside = 0; next }
                               inside && blocks < 2 && NF' "$src/README.md")
if [ ${#commands[@]} -ne 2 ]; then
  say "expected two commands in README.md's first two sh blocks, found ${#commands[@]}"; exit 2
fi

# 1. The Debian root.
mounted=()
cleanup() {
  local i
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    umount -R "${mounted[i]}" 2>/dev/null || umount -R -l "${mounted[i]}" || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM # and so through cleanup
if [ $fresh -eq 1 ] && [ -e "$root" ]; then
  if findmnt -rn -o TARGET | grep -q "^$root/"; then say "something is mounted under $root"; exit 2; fi
  say "deleting $root"
  rm -rf --one-file-system "$root"
fi
if [ ! -f "$root/etc/debian_version" ]; then
  say "debootstrap $release into $root"
  mkdir -p "$root"
  nice -n 10 debootstrap --variant=minbase --include=ca-certificates,git,sudo \
    "$release" "$root" "$mirror" >"$root.debootstrap.log" 2>&1 ||
    { tail -n 20 "$root.debootstrap.log" >&2; say "debootstrap failed (log: $root.debootstrap.log)"; exit 1; }
fi
for fs in proc sys dev; do
  mkdir -p "$root/$fs"
  if ! mountpoint -q "$root/$fs"; then
    mount --rbind "/$fs" "$root/$fs"
    mount --make-rslave "$root/$fs" # unmounting here must not unmount the host's
    mounted+=("$root/$fs")
  fi
done
cp -L /etc/resolv.conf "$root/etc/resolv.conf"
grep -q "[[:space:]]$(hostname)\$" "$root/etc/hosts" 2>/dev/null ||
  echo "127.0.1.1 $(hostname)" >>"$root/etc/hosts" # else sudo warns on every call
in_root() { chroot "$root" "$@"; }
say "Debian $(cat "$root/etc/debian_version") in $root"

# 2. The newcomer.
if ! in_root command -v sudo >/dev/null 2>&1; then
  in_root sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sudo git ca-certificates >/dev/null'
fi
in_root id "$user" >/dev/null 2>&1 || in_root useradd -m -s /bin/bash "$user"
echo "$user ALL=(ALL) NOPASSWD: ALL" >"$root/etc/sudoers.d/$user"
chmod 440 "$root/etc/sudoers.d/$user"

# 3. The checkout: HEAD, then the working tree's changes and new files.
home=/home/$user
dest=$root$home/kader
rm -rf --one-file-system "$dest"
git clone -q --no-hardlinks "$src" "$dest"
git -C "$src" ls-files -z -c -o --exclude-standard |
  (cd "$src" && tar --null -T - --ignore-failed-read -cf - 2>/dev/null) | tar -xf - -C "$dest"
git -C "$src" ls-files -z -d | (cd "$dest" && xargs -0 -r rm -f --)
in_root chown -R "$user:" "$home/kader"
say "copied $src ($(git -C "$src" rev-parse --short HEAD), $(git -C "$src" status --porcelain | wc -l) changed files) to $home/kader"

# 4. The README commands, as the newcomer.
status=0
for cmd in "${commands[@]}"; do
  say "\$ $cmd"
  start=$SECONDS
  if in_root env -i HOME="$home" USER="$user" LOGNAME="$user" SHELL=/bin/bash LANG=C.UTF-8 \
       PATH=/usr/local/bin:/usr/bin:/bin CMAKE_BUILD_PARALLEL_LEVEL="$jobs" \
       setpriv --reuid="$user" --regid="$user" --init-groups \
       nice -n 10 bash -c "cd ~/kader && $cmd"; then
    say "ok in $((SECONDS - start)) s: $cmd"
  else
    status=$?
    say "FAILED (exit $status) after $((SECONDS - start)) s: $cmd"
    break
  fi
done
if [ $status -eq 0 ]; then
  versions=$(in_root dpkg-query -W -f='${Package} ${Version}\n' catch2 g++ cmake 2>/dev/null | paste -sd, - | sed 's/,/, /g')
  say "passed on Debian $(cat "$root/etc/debian_version") ($versions)"
fi
exit $status
