#!/usr/bin/env bash
# Builds the broker's credentials file for the compose stack from the registry and a secrets file: who may connect,
# with which client id, and what each client may publish and subscribe to. Its format is that of Mosquitto's
# dynamic-security plugin; HiveMQ's geohazard-device-rules extension (module broker-extension) reads the same file,
# so one file serves either broker.
#
#   deploy/mosquitto/make-dynsec.sh SECRETS [REGISTRY] [OUTPUT]
#
# SECRETS  a text file you keep out of git, one "NAME SECRET" per line ('#' comments and blank lines allowed):
#              gateway    <the gateway's secret, also GATEWAY_MQTT_PASSWORD for docker compose>
#              LJP-LF-01  <that device's secret>
#          Secrets are one word (e.g. from `openssl rand -base64 24`).
# REGISTRY deploy/registry.yaml by default; every device id in it must have a secret.
# OUTPUT   deploy/mosquitto/dynamic-security.json by default (salted hashes only, never the secrets).
#
# What the file grants (nothing else is allowed; both brokers check subscriptions too, unlike Mosquitto's acl_file):
#   each device    user name = client id = device id; publishes only <prefix>/<id>/telemetry, status and cmd/ack;
#                  subscribes only to <prefix>/<id>/cmd and receives only that.
#   each gateway   the client id it is given below; subscribes to <prefix>/+/telemetry, status and cmd/ack, also as
#                  $share/<group>/...; receives those; publishes <prefix>/+/cmd. Its live lane (mqtt.live-lane: a
#                  second connection while a backlog drains) logs in as <user>-live with the same secret and client
#                  id <client-id>-live, with the same rights.
# Environment:
#   GATEWAYS       "user=client-id ..." of the gateway instances (default gateway=geohazard-gateway-1); the client
#                  id is that gateway's mqtt.client-id (GEOHAZARD_MQTT_CLIENT_ID in docker-compose.yml).
#   TOPIC_PREFIX   the gateway's mqtt.topic-prefix (default geohazard/v1).
# Hashing uses Mosquitto's own mosquitto_ctrl (package mosquitto), else the Mosquitto image through `docker run
# --rm` (MOSQUITTO_CTRL_VIA=docker forces that; MOSQUITTO_IMAGE picks the image). The secrets reach it on standard
# input, never on a command line. BROKER_UID: see below. Afterwards restart the broker (both read the file at start):
#   docker compose restart broker
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
secrets="${1:-}"
registry="${2:-$here/../registry.yaml}"
out="${3:-$here/dynamic-security.json}"
gateways="${GATEWAYS:-gateway=geohazard-gateway-1}"
prefix="${TOPIC_PREFIX:-geohazard/v1}"
image="${MOSQUITTO_IMAGE:-eclipse-mosquitto:2.0.20}"
# The user the broker reads the file as: 10000 in the HiveMQ image (the compose stack's broker), 1883 in the
# Mosquitto image (set BROKER_UID=1883 when you run Mosquitto).
broker_uid="${BROKER_UID:-10000}"

die() { echo "make-dynsec: $*" >&2; exit 1; }
name_ok() { [[ "$1" =~ ^[A-Za-z0-9][A-Za-z0-9_.:-]*$ ]]; }

[ -n "$secrets" ] || die "usage: $0 SECRETS_FILE [REGISTRY] [OUTPUT]"
[ -r "$secrets" ] || die "cannot read the secrets file $secrets"
[ -r "$registry" ] || die "cannot read the registry $registry"
[[ "$prefix" =~ ^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$ ]] \
  || die "TOPIC_PREFIX '$prefix' must be topic levels of letters, digits, '_', '.', '-' (no wildcards, no trailing /)"

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
  [ -z "${secret[$name]:-}" ] || die "$secrets: '$name' appears twice"
  secret[$name]="$pw"
done <"$secrets"

declare -A wanted=() client_id=() taken=()
gateway_users=()
for pair in $gateways; do
  user="${pair%%=*}" cid="${pair#*=}"
  [ "$user" != "$pair" ] && name_ok "$user" && name_ok "$cid" \
    || die "GATEWAYS: '$pair' must read user=client-id (letters, digits, '_', '.', ':', '-')"
  [ -z "${wanted[$user]:-}" ] || die "GATEWAYS: the user '$user' appears twice"
  [ -z "${taken[$cid]:-}" ] || die "GATEWAYS: the client id '$cid' appears twice"
  [ -n "${secret[$user]:-}" ] || die "$secrets has no line for the gateway user '$user'"
  [ -z "${wanted[$user-live]:-}" ] && [ -z "${taken[$cid-live]:-}" ] \
    || die "GATEWAYS: '$pair' clashes with another gateway's live lane ($user-live, $cid-live)"
  wanted[$user]=1 client_id[$user]="$cid" taken[$cid]=1 wanted[$user-live]=1 taken[$cid-live]=1
  gateway_users+=("$user")
done
[ "${#gateway_users[@]}" -gt 0 ] || die "GATEWAYS names no gateway"
missing=()
for id in "${ids[@]}"; do
  [ -z "${wanted[$id]:-}" ] || die "device id '$id' is a gateway's user name or appears twice in $registry"
  [ -z "${taken[$id]:-}" ] || die "device id '$id' is a gateway's client id"
  wanted[$id]=1
  [ -n "${secret[$id]:-}" ] || missing+=("$id")
done
[ "${#missing[@]}" -eq 0 ] || die "no secret in $secrets for: ${missing[*]}"
for name in "${!secret[@]}"; do
  [ -n "${wanted[$name]:-}" ] || echo "make-dynsec: '$name' is not in $registry nor a gateway; left out" >&2
done

work="$(mktemp -d "${TMPDIR:-/tmp}/geohazard-dynsec.XXXXXX")"
trap 'rm -rf "$work"' EXIT
chmod 700 "$work"
(
  umask 077
  for user in "${gateway_users[@]}" "${ids[@]}"; do printf '%s %s\n' "$user" "${secret[$user]}"; done
) >"$work/secrets"

# Hashes each "NAME SECRET" line of standard input with `mosquitto_ctrl dynsec init` (PBKDF2-SHA512, random salt:
# exactly what the plugin checks) and prints "NAME PASSWORD-HASH SALT ITERATIONS". POSIX sh, for the image too.
# shellcheck disable=SC2016
hash_all='set -eu
while read -r name pw; do
  rm -f "$1/one.json"
  printf "%s\n%s\n" "$pw" "$pw" | mosquitto_ctrl dynsec init "$1/one.json" "$name" >/dev/null
  hash=$(sed -n "s/.*\"password\":[[:space:]]*\"\([^\"]*\)\".*/\1/p" "$1/one.json")
  salt=$(sed -n "s/.*\"salt\":[[:space:]]*\"\([^\"]*\)\".*/\1/p" "$1/one.json")
  iterations=$(sed -n "s/.*\"iterations\":[[:space:]]*\([0-9]*\).*/\1/p" "$1/one.json")
  echo "$name $hash $salt $iterations"
done
rm -f "$1/one.json"'
if [ "${MOSQUITTO_CTRL_VIA:-}" != docker ] && command -v mosquitto_ctrl >/dev/null 2>&1; then
  (umask 077; sh -c "$hash_all" sh "$work" <"$work/secrets" >"$work/hashes")
else
  command -v docker >/dev/null 2>&1 || die "need mosquitto_ctrl (package mosquitto) or docker"
  (umask 077; docker run --rm -i --network none --user "$(id -u):$(id -g)" -v "$work:/work" \
    --entrypoint sh "$image" -c "$hash_all" sh /work <"$work/secrets" >"$work/hashes")
fi
rm -f "$work/secrets"

declare -A hashed=()
while read -r name hash salt iterations; do
  [[ "$hash" =~ ^[A-Za-z0-9+/]{86}==$ && "$salt" =~ ^[A-Za-z0-9+/]{16}$ && "$iterations" =~ ^[0-9]+$ ]] \
    || die "mosquitto_ctrl gave no usable hash for '$name'; nothing written"
  hashed[$name]="\"password\": \"$hash\", \"salt\": \"$salt\", \"iterations\": $iterations"
done <"$work/hashes"

# JSON, one ACL per line; every name in it was checked above (no quotes, backslashes or wildcards).
acls() { # (acltype topic)...
  local sep=''
  while [ $# -gt 0 ]; do
    printf '%s        {"acltype": "%s", "topic": "%s", "allow": true}' "$sep" "$1" "$2"
    sep=$',\n'
    shift 2
  done
}
role() { # name (acltype topic)...
  printf '    {"rolename": "%s", "acls": [\n' "$1"
  shift
  acls "$@"
  printf '\n    ]}'
}
client() { # user client-id role [user whose secret it logs in with]
  local secret_of="${4:-$1}"
  [ -n "${hashed[$secret_of]:-}" ] || die "no hash for '$secret_of'; nothing written"
  printf '    {"username": "%s", "clientid": "%s",\n     %s,\n     "roles": [{"rolename": "%s"}]}' \
    "$1" "$2" "${hashed[$secret_of]}" "$3"
}
gateway_acls=()
for kind in telemetry status cmd/ack; do
  gateway_acls+=(subscribePattern "$prefix/+/$kind" subscribePattern "\$share/+/$prefix/+/$kind"
    publishClientReceive "$prefix/+/$kind")
done
gateway_acls+=(publishClientSend "$prefix/+/cmd")

(
  umask 077
  echo '{'
  echo '  "defaultACLAccess": {'
  echo '    "publishClientSend": false, "publishClientReceive": false, "subscribe": false, "unsubscribe": true'
  echo '  },'
  echo '  "clients": ['
  sep=''
  for user in "${gateway_users[@]}"; do
    printf '%s' "$sep"; client "$user" "${client_id[$user]}" gateway; sep=$',\n'
    printf '%s' "$sep"; client "$user-live" "${client_id[$user]}-live" gateway "$user"
  done
  for id in "${ids[@]}"; do printf '%s' "$sep"; client "$id" "$id" "device-$id"; done
  printf '\n  ],\n'
  echo '  "roles": ['
  role gateway "${gateway_acls[@]}"
  for id in "${ids[@]}"; do
    printf ',\n'
    role "device-$id" publishClientSend "$prefix/$id/telemetry" publishClientSend "$prefix/$id/status" \
      publishClientSend "$prefix/$id/cmd/ack" subscribeLiteral "$prefix/$id/cmd" publishClientReceive "$prefix/$id/cmd"
  done
  printf '\n  ]\n}\n'
) >"$work/dynamic-security.json"
if command -v jq >/dev/null 2>&1; then
  jq -e '.clients | length > 0' "$work/dynamic-security.json" >/dev/null || die "built an invalid file; nothing written"
fi

# The broker reads this file as its own user (BROKER_UID), after dropping root.
[[ "$broker_uid" =~ ^[0-9]+$ ]] || die "BROKER_UID must be a numeric user id"
if [ "$(id -u)" = 0 ]; then
  chown "$broker_uid:$broker_uid" "$work/dynamic-security.json"
  chmod 600 "$work/dynamic-security.json"
else
  chmod 644 "$work/dynamic-security.json"
  echo "make-dynsec: $out is world-readable (hashes only) so that the broker can read it; as root this script" \
    "gives it to uid $broker_uid with mode 600 instead" >&2
fi
mv -f "$work/dynamic-security.json" "$out"
echo "make-dynsec: wrote $out: ${#gateway_users[@]} gateway(s) and ${#ids[@]} devices; the broker reads it at" \
  "start: docker compose restart broker"
