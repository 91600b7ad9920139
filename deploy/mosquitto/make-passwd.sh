#!/usr/bin/env bash
# Builds Mosquitto's password file for the compose stack: one entry for the gateway and one per device of the
# registry (user name = device id, as device contract v1 and deploy/mosquitto/acl expect).
#
#   deploy/mosquitto/make-passwd.sh SECRETS [REGISTRY] [OUTPUT]
#
# SECRETS  a text file you keep out of git, one "NAME SECRET" per line ('#' comments and blank lines allowed):
#              gateway    <the gateway's secret, also GATEWAY_MQTT_PASSWORD for docker compose>
#              LJP-LF-01  <that device's secret>
#          Secrets are one word without ':' (e.g. from `openssl rand -base64 24`).
# REGISTRY deploy/registry.yaml by default; every device id in it must have a secret.
# OUTPUT   deploy/mosquitto/passwd by default (salted hashes only, never the secrets).
#
# Hashing uses a local mosquitto_passwd if there is one, else the Mosquitto image through `docker run --rm`
# (MOSQUITTO_PASSWD_VIA=docker forces that; MOSQUITTO_IMAGE picks the image). Afterwards restart the broker:
#   docker compose restart mosquitto
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
secrets="${1:-}"
registry="${2:-$here/../registry.yaml}"
out="${3:-$here/passwd}"
gateway_user="${GATEWAY_USER:-gateway}"
image="${MOSQUITTO_IMAGE:-eclipse-mosquitto:2.0.20}"
mosquitto_uid=1883 # the mosquitto user of the Mosquitto image

die() { echo "make-passwd: $*" >&2; exit 1; }

[ -n "$secrets" ] || die "usage: $0 SECRETS_FILE [REGISTRY] [OUTPUT]"
[ -r "$secrets" ] || die "cannot read the secrets file $secrets"
[ -r "$registry" ] || die "cannot read the registry $registry"

# Device ids: the values of the registry's `id:` keys (only devices have one), block or flow style.
mapfile -t ids < <(sed -e 's/#.*$//' "$registry" \
  | grep -oE "(^|[[:space:]{,])id:[[:space:]]*[\"']?[A-Za-z0-9][A-Za-z0-9_.:-]*" \
  | sed -E "s/.*id:[[:space:]]*[\"']?//")
[ "${#ids[@]}" -gt 0 ] || die "no device ids found in $registry"

declare -A secret=()
while read -r name pw extra || [ -n "${name:-}" ]; do
  case "${name:-}" in '' | '#'*) continue ;; esac
  pw="${pw%$'\r'}"
  [ -n "$pw" ] && [ -z "${extra:-}" ] || die "$secrets: the line for '$name' must be: NAME SECRET"
  case "$pw" in *:*) die "$secrets: the secret of '$name' contains ':'" ;; esac
  [ -z "${secret[$name]:-}" ] || die "$secrets: '$name' appears twice"
  secret[$name]="$pw"
done <"$secrets"

[ -n "${secret[$gateway_user]:-}" ] || die "$secrets has no line for the gateway user '$gateway_user'"
declare -A wanted=(["$gateway_user"]=1)
missing=()
for id in "${ids[@]}"; do
  case "$id" in *:*) die "device id '$id' contains ':', which Mosquitto does not allow in a user name" ;; esac
  [ "$id" != "$gateway_user" ] || die "device id '$id' is the gateway's user name"
  wanted[$id]=1
  [ -n "${secret[$id]:-}" ] || missing+=("$id")
done
[ "${#missing[@]}" -eq 0 ] || die "no secret in $secrets for: ${missing[*]}"
for name in "${!secret[@]}"; do
  [ -n "${wanted[$name]:-}" ] || echo "make-passwd: '$name' is not in $registry; left out" >&2
done

work="$(mktemp -d "${TMPDIR:-/tmp}/geohazard-passwd.XXXXXX")"
trap 'rm -rf "$work"' EXIT
chmod 700 "$work"
(
  umask 077
  printf '%s:%s\n' "$gateway_user" "${secret[$gateway_user]}"
  for id in "${ids[@]}"; do printf '%s:%s\n' "$id" "${secret[$id]}"; done
) >"$work/passwd"

# -U turns a file of name:secret lines into name:hash lines in place.
if [ "${MOSQUITTO_PASSWD_VIA:-}" != docker ] && command -v mosquitto_passwd >/dev/null 2>&1; then
  mosquitto_passwd -U "$work/passwd"
else
  command -v docker >/dev/null 2>&1 || die "need mosquitto_passwd (package mosquitto) or docker"
  docker run --rm --network none --user "$(id -u):$(id -g)" -v "$work:/work" \
    --entrypoint mosquitto_passwd "$image" -U /work/passwd
fi
if grep -qvE '^[^:]+:\$[67]\$' "$work/passwd"; then
  die "mosquitto_passwd left unhashed lines; nothing written"
fi

# The broker reads this file as its own user (uid 1883 in the image), after dropping root.
if [ "$(id -u)" = 0 ]; then
  chown "$mosquitto_uid:$mosquitto_uid" "$work/passwd"
  chmod 600 "$work/passwd"
else
  chmod 644 "$work/passwd"
  echo "make-passwd: $out is world-readable (hashes only) so that the broker can read it; as root this script" \
    "gives it to uid $mosquitto_uid with mode 600 instead" >&2
fi
mv -f "$work/passwd" "$out"
echo "make-passwd: wrote $out: $gateway_user and ${#ids[@]} devices; now: docker compose restart mosquitto"
