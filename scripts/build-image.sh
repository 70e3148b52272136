#!/usr/bin/env bash
# Builds the Dockerfile's image without a Docker engine (issue 20): buildah, run as root with the vfs storage driver and
# chroot isolation, both from Debian. No container registry is reachable here (only the npm registry and Debian's
# mirrors), so `FROM node:20-slim` is satisfied by a local stand-in built the way that image is: a Debian bookworm
# root filesystem (debootstrap, minbase) with this machine's own Node 20 and npm in /usr/local and a `node` user with
# uid 1000. It is stored under the name docker.io/library/node:20-slim and the build never pulls.
# Afterwards `contract-tests/infra/docker-image.test.ts` runs the image and asks it for 200s.
# Usage: bash scripts/build-image.sh        (IMAGE=workflow-mocks:local; BASE_ROOTFS=/var/tmp/... to keep the rootfs)
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE="${IMAGE:-workflow-mocks:local}"
BASE=docker.io/library/node:20-slim
ROOTFS="${BASE_ROOTFS:-/var/tmp/workflow-mocks-base-rootfs}"
bah() { buildah --storage-driver vfs "$@"; }

if [ "$(id -u)" -ne 0 ]; then echo "build-image.sh runs as root (buildah with chroot isolation)" >&2; exit 2; fi
missing=()
command -v buildah >/dev/null || missing+=(buildah)
command -v debootstrap >/dev/null || missing+=(debootstrap)
if [ "${#missing[@]}" -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! bah inspect --type image "$BASE" >/dev/null 2>&1; then
  echo "base image: $BASE stand-in from debootstrap + $(node --version)"
  if [ ! -x "$ROOTFS/bin/sh" ]; then
    rm -rf "$ROOTFS"
    debootstrap --variant=minbase bookworm "$ROOTFS" http://deb.debian.org/debian >/dev/null
  fi
  node_bin="$(command -v node)"
  npm_dir="$(dirname "$(readlink -f "$(command -v npm)")")/.."
  install -D -m 0755 "$node_bin" "$ROOTFS/usr/local/bin/node"
  mkdir -p "$ROOTFS/usr/local/lib/node_modules"
  rm -rf "$ROOTFS/usr/local/lib/node_modules/npm"
  cp -a "$(readlink -f "$npm_dir")" "$ROOTFS/usr/local/lib/node_modules/npm"
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$ROOTFS/usr/local/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$ROOTFS/usr/local/bin/npx"
  chroot "$ROOTFS" /bin/sh -c 'id node >/dev/null 2>&1 || { groupadd -g 1000 node && useradd -u 1000 -g node -m -s /bin/bash node; }'
  ctr="$(bah from scratch)"
  mnt="$(bah mount "$ctr")"
  cp -a "$ROOTFS/." "$mnt/"
  bah umount "$ctr" >/dev/null
  bah config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin --cmd node "$ctr"
  bah commit --quiet "$ctr" "$BASE" >/dev/null
  bah rm "$ctr" >/dev/null
fi

# A TLS-inspecting proxy between this machine and the npm registry: its CA, for the build's npm only.
ca_args=()
ca_file="${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}"
if [ -f "$ca_file" ]; then
  ca_args=(--volume "$ca_file:/run/host-ca.pem:ro" --build-arg NODE_EXTRA_CA_CERTS=/run/host-ca.pem)
fi
started=$SECONDS
bah bud --quiet --format docker --isolation chroot --pull=never "${ca_args[@]}" -t "$IMAGE" -f Dockerfile . >/dev/null
echo "image $IMAGE built in $((SECONDS - started)) s"
