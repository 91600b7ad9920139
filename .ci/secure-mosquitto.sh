#!/usr/bin/env bash
# Starts a Mosquitto with the shipped configuration for the broker security tests: deploy/mosquitto/mosquitto.conf
# rendered for this machine (ports, paths, the Debian plugin path), the dynamic-security file made by the shipped
# make-dynsec.sh from the test registry and test secrets, and certificates made by the shipped make-certs.sh.
#
#   .ci/secure-mosquitto.sh DIR [PLAIN_PORT [TLS_PORT]]
#
# Writes everything into DIR (mosquitto.conf, dynamic-security.json, certs/, mosquitto.log, pid), starts the broker
# in the background and waits until it listens. Then:
#   GEOHAZARD_TEST_SECURE_MOSQUITTO_URL=ssl://localhost:TLS_PORT  GEOHAZARD_TEST_SECURE_MOSQUITTO_CA=DIR/certs/ca.crt
# Stop it with: kill "$(cat DIR/pid)"
set -euo pipefail
cd "$(dirname "$0")/.."

dir="${1:?usage: $0 DIR [PLAIN_PORT [TLS_PORT]]}"
plain_port="${2:-18841}"
tls_port="${3:-18842}"
die() { echo "secure-mosquitto: $*" >&2; exit 1; }

mkdir -p "$dir/data"
dir="$(cd "$dir" && pwd)"
plugin=""
for candidate in /usr/lib/*/mosquitto_dynamic_security.so /usr/lib/mosquitto_dynamic_security.so; do
  [ -f "$candidate" ] && plugin="$candidate" && break
done
[ -n "$plugin" ] || die "no mosquitto_dynamic_security.so (Debian package mosquitto)"

deploy/mosquitto/make-certs.sh "$dir/certs" localhost 127.0.0.1 >/dev/null
GATEWAYS="gateway=geohazard-gateway-1 gateway-2=geohazard-gateway-2" \
  deploy/mosquitto/make-dynsec.sh system-tests/src/test/resources/secure-broker/secrets.txt \
  registry/src/test/resources/test-registry.yaml "$dir/dynamic-security.json" >/dev/null

# Only what differs between the image and this machine is rewritten; each rewrite must apply, so that a change of
# the shipped file that this script does not understand fails here instead of testing something else.
shipped=deploy/mosquitto/mosquitto.conf
for line in "listener 8883" "listener 1883" "plugin /usr/lib/mosquitto_dynamic_security.so" "log_dest stdout"; do
  grep -qx "$line" "$shipped" || die "$shipped no longer has the line '$line'; update this script"
done
sed -e "s|^listener 8883\$|listener $tls_port 127.0.0.1|" \
    -e "s|^listener 1883\$|listener $plain_port 127.0.0.1|" \
    -e "s|^plugin /usr/lib/mosquitto_dynamic_security.so\$|plugin $plugin|" \
    -e "s|/mosquitto/config/certs/|$dir/certs/|g" \
    -e "s|/mosquitto/config/|$dir/|g" \
    -e "s|/mosquitto/data/|$dir/data/|g" \
    -e "s|^log_dest stdout\$|log_dest file $dir/mosquitto.log|" \
    "$shipped" >"$dir/mosquitto.conf"
! grep -v '^#' "$dir/mosquitto.conf" | grep -q "/mosquitto/" || die "paths of the image left in $dir/mosquitto.conf"
# Run as whoever runs CI (as root Mosquitto would otherwise switch to a 'mosquitto' user that cannot read DIR).
printf '\nuser %s\n' "$(id -un)" >>"$dir/mosquitto.conf"

MOSQUITTO=$(command -v mosquitto || echo /usr/sbin/mosquitto)
"$MOSQUITTO" -c "$dir/mosquitto.conf" >>"$dir/mosquitto.log" 2>&1 &
echo $! >"$dir/pid"
for _ in $(seq 1 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$plain_port") 2>/dev/null && exit 0
  kill -0 "$(cat "$dir/pid")" 2>/dev/null || break
  sleep 0.1
done
cat "$dir/mosquitto.log" >&2
die "Mosquitto did not start with $dir/mosquitto.conf"
